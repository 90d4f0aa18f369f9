import PipeboardCore
import TOMLKit

/// `[[views]]`: named filters shown on the board's number keys (the first is 1) and by `pipeboard list --view`.
/// Keys are FilterInput's (`search`, `owner`, `status`, `value`, `age`, `source`, `tag`, `next_step`), as text or a
/// list of text, plus `name`, `closed` (true shows closed deals too), `overdue` and `no_next_step` (true: only the
/// open deals whose next step is overdue, or that have none; both: either) and `sort` (every column's order).
extension AppConfig {
    static let flagKeys = ["closed", "overdue", "no_next_step"]
    static let viewKeys: Set<String> = Set(FilterInput.keys + ["name", "sort"] + flagKeys)
    /// Number keys 1-9.
    static let maxViews = 9

    static func parseViews(_ value: TOMLValueConvertible, file: String) throws -> [SavedView] {
        guard let array = value.array else {
            throw ConfigError(file: file, keyPath: "views", message: "views must be written as [[views]] tables")
        }
        guard array.count <= maxViews else {
            throw ConfigError(
                file: file, keyPath: "views[\(maxViews)]",
                message: "\(array.count) views, but only \(maxViews) number keys; keep at most \(maxViews) [[views]]")
        }
        var views: [SavedView] = []
        for (index, element) in array.enumerated() {
            let path = "views[\(index)]"
            guard let entry = element.table else {
                throw ConfigError(file: file, keyPath: path, message: "views entry \(index + 1) must be a table")
            }
            guard let name = entry["name"]?.string?.nilIfBlank else {
                throw ConfigError(file: file, keyPath: path, message: "views entry \(index + 1) needs name = \"...\"")
            }
            var fields: [String: String] = [:]
            var flags: [String: Bool] = [:]
            var sort: ColumnSort?
            for key in entry.keys.sorted() where key != "name" {
                guard viewKeys.contains(key), let item = entry[key] else {
                    throw ConfigError(
                        file: file, keyPath: "\(path).\(key)",
                        message:
                            "view '\(name)': unknown key '\(key)'; "
                            + "known keys are \(viewKeys.sorted().joined(separator: ", "))"
                    )
                }
                if flagKeys.contains(key) {
                    guard let flag = item.bool else {
                        throw ConfigError(
                            file: file, keyPath: "\(path).\(key)",
                            message: "view '\(name)': \(key) must be true or false")
                    }
                    flags[key] = flag
                } else if key == "sort" {
                    guard let text = item.string, let chosen = ColumnSort(rawValue: text.lowercased()) else {
                        throw ConfigError(
                            file: file, keyPath: "\(path).sort",
                            message:
                                "view '\(name)': sort must be one of "
                                + ColumnSort.allCases.map(\.rawValue).joined(separator: ", "))
                    }
                    sort = chosen
                } else if let text = item.string {
                    fields[key] = text
                } else if let list = item.array, list.allSatisfy({ $0.string != nil }) {
                    fields[key] = list.compactMap(\.string).joined(separator: ",")
                } else if let number = item.int {
                    fields[key] = String(number)
                } else {
                    throw ConfigError(
                        file: file, keyPath: "\(path).\(key)",
                        message: "view '\(name)': \(key) must be text or a list of text")
                }
            }
            switch FilterInput.filter(from: fields) {
            case .success(var filter):
                if flags["overdue"] == true { filter.overdue = true }
                if flags["no_next_step"] == true { filter.noNextStep = true }
                views.append(SavedView(name: name, filter: filter, showClosed: flags["closed"] ?? false, sort: sort))
            case .failure(let errors):
                // The line of the first key in error (keys are sorted, so the choice is stable).
                let key = errors.messages.keys.sorted().first.map { "\(path).\($0)" } ?? path
                throw ConfigError(file: file, keyPath: key, message: "view '\(name)': \(errors.description)")
            }
        }
        return views
    }
}
