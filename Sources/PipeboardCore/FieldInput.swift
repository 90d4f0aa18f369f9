import Foundation

/// Per-field validation messages, keyed by FieldSpec id.
public struct FieldErrors: Error, Hashable, Sendable, CustomStringConvertible {
    public var messages: [String: String]
    public init(_ messages: [String: String]) { self.messages = messages }

    /// The messages in form order, "value: must be a non-negative amount".
    public var description: String {
        let order = FieldSpec.standard.map(\.id)
        return messages.sorted {
            (order.firstIndex(of: $0.key) ?? .max, $0.key) < (order.firstIndex(of: $1.key) ?? .max, $1.key)
        }
        .map { "\($0.key): \($0.value)" }.joined(separator: "; ")
    }
}

/// Turns what a user typed (a form, or `--set key=value`) into a checked patch.
/// Keys are FieldSpec ids; `custom.KEY` sets a custom field.
public enum FieldInput {
    public static let customPrefix = "custom."

    /// Checks every value and returns the patch, or every problem at once.
    /// With `current` nil the input describes a new opportunity, so a name is required.
    public static func patch(
        from input: [String: String], pipeline: Pipeline, specs: [FieldSpec] = FieldSpec.standard,
        defaultCurrency: String, current: Opportunity? = nil
    ) -> Result<OpportunityPatch, FieldErrors> {
        var patch = OpportunityPatch()
        var errors: [String: String] = [:]
        let known = Set(specs.map(\.id))
        var customFields = current?.customFields ?? [:]
        var touchedCustom = false

        let currencyText = input["currency"]?.trimmingCharacters(in: .whitespaces).uppercased()
        if let currencyText, !currencyText.isEmpty, !isCurrencyCode(currencyText) {
            errors["currency"] = "\(currencyText) is not an ISO 4217 currency code such as USD or JPY"
        }
        let currency = currencyText?.nilIfBlank ?? current?.value?.currency ?? defaultCurrency

        let specsByID = Dictionary(specs.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        for (key, rawText) in input {
            var text = rawText.trimmingCharacters(in: .whitespaces)
            // A field with a fixed list takes one of its values, matched without regard to case.
            if case .choice(let values)? = specsByID[key]?.kind, !text.isEmpty {
                guard
                    let chosen = values.first(where: { $0 == text })
                        ?? values.first(where: { $0.lowercased() == text.lowercased() })
                else {
                    errors[key] = "must be one of \(values.joined(separator: ", "))"
                    continue
                }
                text = chosen
            }
            if key.hasPrefix(customPrefix) {
                let name = String(key.dropFirst(customPrefix.count))
                if name.isEmpty { errors[key] = "a custom field needs a name: custom.NAME=value"; continue }
                touchedCustom = true
                if text.isEmpty { customFields[name] = nil } else { customFields[name] = text }
                continue
            }
            guard known.contains(key) else {
                errors[key] = "unknown field; fields are \(specs.map(\.id).joined(separator: ", ")), or custom.NAME"
                continue
            }
            switch key {
            case "name":
                if text.isEmpty { errors[key] = "a name is required" } else { patch.name = text }
            case "value":
                if text.isEmpty {
                    patch.clearValue = current?.value != nil
                } else if let money = Money(decimal: text, currency: currency), !money.isNegative {
                    if let problem = tooManyDecimals(money) { errors[key] = problem } else { patch.value = money }
                } else {
                    errors[key] = amountProblem(text)
                }
            case "currency":
                break // applied with the value below
            case "stage":
                if let stage = pipeline.stage(matching: text) {
                    patch.stageID = stage.id
                } else {
                    errors[key] =
                        "unknown stage '\(text)'; stages are \(pipeline.stages.map(\.name).joined(separator: ", "))"
                }
            case "status":
                if let status = OpportunityStatus(userText: text) {
                    patch.status = status
                } else {
                    errors[key] = "must be one of open, won, lost, abandoned"
                }
            case "close_date":
                if text.isEmpty || isISODay(text) {
                    patch.closeDate = text
                } else {
                    errors[key] = dayProblem(text)
                }
            case "probability":
                let number = text.hasSuffix("%") ? String(text.dropLast()) : text
                if text.isEmpty {
                    patch.clearProbability = true
                } else if let percent = Double(number), (0...100).contains(percent) {
                    patch.probability = percent / 100
                } else {
                    errors[key] = "must be a number from 0 to 100"
                }
            case "tags":
                patch.tags = text.split(separator: ",").compactMap {
                    String($0).trimmingCharacters(in: .whitespaces).nilIfBlank
                }
            case "email":
                if text.isEmpty || (text.contains("@") && !text.contains(" ")) {
                    patch.email = text
                } else {
                    errors[key] = "must be an email address"
                }
            case "contact": patch.contactName = text
            case "company": patch.companyName = text
            case "phone": patch.phone = text
            case "owner": patch.owner = text
            case "source": patch.source = text
            case "provider_status": patch.providerStatus = text
            default:
                // A provider-specific field: kept as a custom field under its own key.
                touchedCustom = true
                if text.isEmpty { customFields[key] = nil } else { customFields[key] = text }
            }
        }
        // A currency given alone changes the currency of the current value.
        if input["value"] == nil, let currencyText = currencyText?.nilIfBlank, errors["currency"] == nil,
            let value = current?.value, value.currency != currencyText
        {
            let converted = Money(micros: value.micros, currency: currencyText)
            if let problem = tooManyDecimals(converted) {
                errors["currency"] = problem + "; give a value too"
            } else {
                patch.value = converted
            }
        }
        if touchedCustom { patch.customFields = customFields }
        if current == nil {
            if patch.name == nil && errors["name"] == nil { errors["name"] = "a name is required" }
            for spec in specs
            where spec.required && input[spec.id]?.nilIfBlank == nil && errors[spec.id] == nil
                && spec.id != "name" && spec.id != "stage"
            {
                errors[spec.id] = "is required by this provider"
            }
        }
        return errors.isEmpty ? .success(patch) : .failure(FieldErrors(errors))
    }

    /// Splits "key=value" arguments; the value may itself contain "=".
    public static func parseAssignments(_ assignments: [String]) -> Result<[String: String], FieldErrors> {
        var values: [String: String] = [:]
        for assignment in assignments {
            guard let equals = assignment.firstIndex(of: "="), equals != assignment.startIndex else {
                return .failure(FieldErrors([assignment: "expected key=value"]))
            }
            values[String(assignment[..<equals]).trimmingCharacters(in: .whitespaces)] = String(
                assignment[assignment.index(after: equals)...])
        }
        return .success(values)
    }

    /// An ISO 4217 code that a user may give (`Currency.isISO4217`).
    public static func isCurrencyCode(_ text: String) -> Bool {
        Currency.isISO4217(text)
    }

    /// Why typed text is not an amount, said so that the fix is plain: a decimal comma ("12,5") is not taken for
    /// thousands, and a number too large to keep is not called negative.
    static func amountProblem(_ text: String) -> String {
        let unsigned = text.hasPrefix("-") ? String(text.dropFirst()) : text
        if unsigned.contains(","), !Money.groupsThousands(unsigned) {
            let pointed = text.replacingOccurrences(of: ",", with: ".")
            let oneComma = text.filter { $0 == "," }.count == 1 && !text.contains(".")
            return oneComma && Money(decimal: pointed, currency: "XXX").map({ !$0.isNegative }) == true
                ? "a comma only groups thousands (1,250.50); for decimals write \(pointed)"
                : "a comma only groups thousands, in threes: 1,250 or 12,500.50"
        }
        // Digits with at most six decimals that still are no amount are past what an amount can hold.
        let parts = text.replacingOccurrences(of: ",", with: "").split(separator: ".", omittingEmptySubsequences: false)
        let digits = parts.allSatisfy { $0.allSatisfy { $0.isASCII && $0.isNumber } }
        if digits, parts.count <= 2, !parts[0].isEmpty, parts.count == 1 || parts[1].count <= 6 {
            return "is too large to keep"
        }
        return "must be a non-negative amount, e.g. 12500 or 1,250.50"
    }

    /// Why a typed amount does not fit its currency, or nil: no more decimals than the currency's minor unit.
    /// A code ISO 4217 does not know (a provider's own) sets no limit here.
    static func tooManyDecimals(_ money: Money) -> String? {
        let places = money.decimalPlaces
        guard places > 0, let allowed = Currency.minorUnits(money.currency), places > allowed else { return nil }
        let found = "\(money.decimalString) has \(places)"
        return allowed == 0
            ? "\(money.currency) amounts have no decimals (\(found))"
            : "\(money.currency) amounts have at most \(allowed) decimals (\(found))"
    }

    public static func isISODay(_ text: String) -> Bool {
        guard let (year, month, day) = dayParts(text), (1...12).contains(month), day >= 1 else { return false }
        return day <= daysIn(month, of: year)
    }

    /// Why a close date is not a day: one written as YYYY-MM-DD that the calendar lacks says so, rather than being
    /// told to use the form it already has.
    static func dayProblem(_ text: String) -> String {
        guard let (year, month, _) = dayParts(text) else { return "must be a date as YYYY-MM-DD" }
        guard (1...12).contains(month) else { return "\(text) is not a day: months go from 01 to 12" }
        let name = [
            "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
            "November", "December",
        ][month - 1]
        return "\(text) is not a day: \(name) \(year) has \(daysIn(month, of: year)) days"
    }

    /// The year, month and day of text shaped as YYYY-MM-DD, whether or not the calendar has that day.
    private static func dayParts(_ text: String) -> (Int, Int, Int)? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
            let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2])
        else { return nil }
        return (year, month, day)
    }

    private static func daysIn(_ month: Int, of year: Int) -> Int {
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        return [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
    }
}
