import PipeboardCore

/// Builds forms from the provider's FieldSpecs: quick-add with defaults, edit prefilled from the card.
enum FormBuilder {
    static func quickAdd(into column: ColumnSnapshot, snapshot: BoardSnapshot) -> FormState {
        let currency = defaultCurrency(of: column)
        // A provider that marks no field for quick-add gets the full form rather than an empty one.
        let quick = specs(of: snapshot).filter(\.inQuickAdd)
        let fields = (quick.isEmpty ? specs(of: snapshot) : quick).map { spec in
            spec.kind == .stage
                ? FormField(spec: spec, initial: column.stage.id, choices: stageChoices(snapshot.pipeline))
                : FormField(spec: spec, initial: spec.id == "currency" ? currency : "")
        }
        return FormState(
            purpose: .create(pipelineID: snapshot.pipeline.id, stageName: column.stage.name),
            fields: fields, defaultCurrency: currency)
    }

    static func edit(_ card: Opportunity, snapshot: BoardSnapshot) -> FormState {
        let stageName = snapshot.pipeline.stages.first { $0.id == card.stageID }?.name ?? card.stageID
        let specs = specs(of: snapshot)
        var fields = specs.map { spec in
            // On a merged board the columns are not the account's stages: there the stage stays typed, by name.
            guard spec.kind == .stage, snapshot.merge == nil, snapshot.pipeline.index(ofStage: card.stageID) != nil
            else {
                return FormField(spec: spec, initial: text(of: spec.id, in: card, stageName: stageName))
            }
            return FormField(spec: spec, initial: card.stageID, choices: stageChoices(snapshot.pipeline))
        }
        // The card's custom fields after the provider's own (`lost_reason`, ...): read, changed, or emptied to clear.
        let custom = card.customFields.keys.filter { key in !specs.contains { $0.id == key } }.sorted()
        fields += custom.map { key in
            let spec = FieldSpec(id: FieldInput.customPrefix + key, label: key, help: "custom field; empty clears it")
            return FormField(spec: spec, initial: card.customFields[key] ?? "")
        }
        return FormState(purpose: .edit(card), fields: fields, defaultCurrency: card.value?.currency ?? "USD")
    }

    /// The filter form, prefilled with the filter now applied.
    static func filter(_ filter: BoardFilter) -> FormState {
        let current = FilterInput.fields(of: filter)
        let fields = FilterInput.specs.map { FormField(spec: $0, initial: current[$0.id] ?? "") }
        return FormState(purpose: .filter(search: filter.search), fields: fields, defaultCurrency: "USD")
    }

    /// A note on `card`: one line of text.
    static func note(on card: Opportunity, fromDetail: Bool = false) -> FormState {
        FormState(
            purpose: .note(card, fromDetail: fromDetail),
            fields: [FormField(spec: FieldSpec(id: "text", label: "Note", required: true), initial: "")],
            defaultCurrency: "USD")
    }

    /// A task on `card`: its title and when it is due, as typed (`DueInput`).
    static func task(on card: Opportunity, fromDetail: Bool = false) -> FormState {
        FormState(
            purpose: .task(card, fromDetail: fromDetail),
            fields: [
                FormField(spec: FieldSpec(id: "title", label: "Title", required: true), initial: ""),
                FormField(
                    spec: FieldSpec(
                        id: "due", label: "Due", required: true,
                        help: "today, tomorrow, +3d, mon or 2026-03-14; a time may follow: 15:30, 3pm"),
                    initial: ""),
            ], defaultCurrency: "USD")
    }

    /// The stages of the pipeline, in board order, for the Stage picker: sent by id, shown by name.
    static func stageChoices(_ pipeline: Pipeline) -> [FormChoice] {
        pipeline.stages.map { FormChoice(value: $0.id, label: $0.name) }
    }

    /// The provider's fields, or the standard ones when it declares none.
    static func specs(of snapshot: BoardSnapshot) -> [FieldSpec] {
        snapshot.fieldSpecs.isEmpty ? FieldSpec.standard : snapshot.fieldSpecs
    }

    /// New cards take the currency already used in the column.
    static func defaultCurrency(of column: ColumnSnapshot) -> String {
        column.cards.lazy.compactMap(\.value?.currency).first ?? column.totals.amounts.first?.currency ?? "USD"
    }

    /// A card's field as the user would type it, so that an unchanged field round-trips exactly.
    static func text(of fieldID: String, in card: Opportunity, stageName: String) -> String {
        switch fieldID {
        case "name": return card.name
        case "value": return card.value?.decimalString ?? ""
        case "currency": return card.value?.currency ?? ""
        case "contact": return card.contactName ?? ""
        case "company": return card.companyName ?? ""
        case "stage": return stageName
        case "status": return card.status.rawValue
        case "email": return card.email ?? ""
        case "phone": return card.phone ?? ""
        case "owner": return card.owner ?? ""
        case "close_date": return card.closeDate ?? ""
        case "source": return card.source ?? ""
        case "probability": return card.probability.map(percentText) ?? ""
        case "tags": return card.tags.joined(separator: ", ")
        case "provider_status": return card.providerStatus ?? ""
        default: return card.customFields[fieldID] ?? ""
        }
    }

    /// 0.255 -> "25.5", 0.4 -> "40".
    static func percentText(_ probability: Double) -> String {
        let hundredths = Int((probability * 10_000).rounded())
        let whole = hundredths / 100
        let fraction = hundredths % 100
        if fraction == 0 { return String(whole) }
        return fraction % 10 == 0 ? "\(whole).\(fraction / 10)" : "\(whole).\(fraction < 10 ? "0" : "")\(fraction)"
    }
}
