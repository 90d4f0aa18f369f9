import Foundation

/// One provider's OpenAPI files, loaded from `shared/specs/<provider>/`, with `$ref`s resolved across files.
public struct SpecLibrary: Sendable {
    /// A document that declares paths, and the path its server puts before them (`/rest` for Twenty's core API,
    /// nothing for HighLevel's host-only server).
    public struct Document: Sendable {
        public let file: URL
        public let root: SpecJSON
        public let basePath: [String]
    }

    public enum LoadError: Error, CustomStringConvertible {
        case missingFolder(String)
        case unreadable(String, any Error)
        case badReference(String)

        public var description: String {
            switch self {
            case .missingFolder(let path): "no provider specs at \(path) (expected shared/specs beside the package)"
            case .unreadable(let path, let error): "\(path): \(error)"
            case .badReference(let ref): "unresolvable $ref \(ref)"
            }
        }
    }

    public let documents: [Document]
    /// Every file of the folder by its standardized path, so that `../common/x.json#/...` resolves.
    let files: [String: SpecJSON]
    /// Parameters a provider's server takes that the document leaves out, each with its source (amendments).
    let amendments: [SpecAmendment]

    /// `shared/specs` beside the package: `<package root>/../shared/specs`.
    public static var sharedFolder: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent() // Specs
            .deletingLastPathComponent() // TestSupport
            .deletingLastPathComponent() // Tests
            .deletingLastPathComponent() // package root
            .deletingLastPathComponent()
            .appendingPathComponent("shared/specs", isDirectory: true)
    }

    public static func highLevel() throws -> SpecLibrary {
        try load(sharedFolder.appendingPathComponent("highlevel", isDirectory: true), errata: SpecErratum.highLevel)
    }

    public static func twenty() throws -> SpecLibrary {
        try load(
            sharedFolder.appendingPathComponent("twenty", isDirectory: true), amendments: SpecAmendment.twenty,
            errata: SpecErratum.twenty)
    }

    /// Every `.json` file under `folder`; those with `paths` are the documents requests are matched against.
    public static func load(
        _ folder: URL, amendments: [SpecAmendment] = [], errata: [SpecErratum] = []
    ) throws -> SpecLibrary {
        let folder = folder.standardizedFileURL
        guard let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil) else {
            throw LoadError.missingFolder(folder.path)
        }
        var files: [String: SpecJSON] = [:]
        var documents: [Document] = []
        for case let url as URL in walker where url.pathExtension == "json" {
            let file = url.standardizedFileURL
            var root: SpecJSON
            do { root = try SpecJSON.parse(try Data(contentsOf: file)) } catch {
                throw LoadError.unreadable(file.path, error)
            }
            for erratum in errata where file.path.hasSuffix("/" + erratum.file) {
                guard let fixed = root.replacing(at: erratum.pointer, with: erratum.replacement) else {
                    throw LoadError.badReference("\(erratum.file)#\(erratum.pointer) (an erratum's target)")
                }
                root = fixed
            }
            files[file.path] = root
            if root["paths"] != nil {
                documents.append(Document(file: file, root: root, basePath: basePath(of: root)))
            }
        }
        guard !documents.isEmpty else { throw LoadError.missingFolder(folder.path) }
        return SpecLibrary(
            documents: documents.sorted { $0.file.path < $1.file.path }, files: files, amendments: amendments)
    }

    /// The path of the first server's URL, as segments: `https://host` has none, `/rest/metadata` two.
    static func basePath(of root: SpecJSON) -> [String] {
        guard let url = root["servers"]?.array?.first?["url"]?.string else { return [] }
        let path = URLComponents(string: url)?.path ?? url
        return path.split(separator: "/").map(String.init)
    }

    /// Follows `$ref`s until a value that is not one, with the file it lives in.
    func resolve(_ value: SpecJSON, in file: URL) throws -> (SpecJSON, URL) {
        var value = value
        var file = file
        var hops = 0
        while let ref = value["$ref"]?.string {
            hops += 1
            guard hops < 32 else { throw LoadError.badReference(ref) }
            (value, file) = try target(of: ref, from: file)
        }
        return (value, file)
    }

    private func target(of ref: String, from file: URL) throws -> (SpecJSON, URL) {
        let parts = ref.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
        let target =
            parts[0].isEmpty
            ? file
            : URL(fileURLWithPath: parts[0], relativeTo: file.deletingLastPathComponent()).standardizedFileURL
        guard var value = files[target.path] else { throw LoadError.badReference(ref) }
        let pointer = parts.count > 1 ? parts[1] : ""
        for token in pointer.split(separator: "/") {
            let key = (String(token).removingPercentEncoding ?? String(token))
                .replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
            if let next = value[key] {
                value = next
            } else if let index = Int(key), let items = value.array, items.indices.contains(index) {
                value = items[index]
            } else {
                throw LoadError.badReference(ref)
            }
        }
        return (value, target)
    }
}

/// A parameter a provider's server takes that its document does not declare, added with where it comes from.
public struct SpecAmendment: Sendable {
    public let path: String
    public let method: String
    public let parameter: SpecJSON
    public let source: String

    /// Twenty's findMany and findOne take `fields` (parameters.utils.ts, computeFieldsParameters, in
    /// twentyhq/twenty): the reconstructed document in shared/specs predates it, though its README names it.
    static let twenty: [SpecAmendment] = ["/opportunities", "/opportunities/{id}"].map { path in
        SpecAmendment(
            path: path, method: "get",
            parameter: .object([
                "name": .string("fields"), "in": .string("query"), "required": .bool(false),
                "schema": .object(["type": .string("string")]),
            ]), source: "twentyhq/twenty parameters.utils.ts computeFieldsParameters")
    }
}

/// A schema in a provider's own file that contradicts the provider's API and its own examples, replaced for the
/// check with what the API answers. Each names why; a pointer that no longer exists fails the load.
public struct SpecErratum: Sendable {
    public let file: String
    public let pointer: String
    public let replacement: SpecJSON
    public let reason: String

    static let highLevel = [
        SpecErratum(
            file: "apps/opportunities.json",
            pointer: "/components/schemas/PipelinesResponseSchema/properties/stages/items",
            replacement: .object(["type": .string("object")]),
            reason: "stages are typed as arrays of arrays; the API answers stage objects (id, name, position)"),
        SpecErratum(
            file: "apps/opportunities.json",
            pointer: "/components/schemas/SearchOpportunitiesResponseSchema/properties/indexVersion",
            replacement: .object(["type": .array([.string("string"), .string("number")])]),
            reason: "indexVersion is typed string while its own example is the number 1"),
    ]

    /// The restore route later servers take beside the documented one, the operation otherwise the same.
    static let twenty = [
        SpecErratum(
            file: "core-opportunities.openapi.json", pointer: "/paths/~1opportunities~1{id}~1restore",
            replacement: .object([
                "patch": .object([
                    "operationId": .string("restoreOneOpportunity"),
                    "parameters": .array([
                        .object(["$ref": .string("#/components/parameters/idPath")]),
                        .object(["$ref": .string("#/components/parameters/depth")]),
                    ]),
                    "responses": .object(["200": .object(["description": .string("Successful operation")])]),
                ])
            ]),
            reason: "twentyhq/twenty's rest-api-core.controller.ts routes `*path/restore` (at 0a0ec6a), "
                + "where an earlier one routed `restore/*path` (at 5082be3)")
    ]
}

extension SpecJSON {
    /// This value with the member at a JSON pointer replaced; nil when the pointer leads nowhere.
    func replacing(at pointer: String, with replacement: SpecJSON) -> SpecJSON? {
        let tokens = pointer.split(separator: "/").map {
            String($0).replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
        }
        return replacing(tokens[...], with: replacement)
    }

    private func replacing(_ tokens: ArraySlice<String>, with replacement: SpecJSON) -> SpecJSON? {
        guard let key = tokens.first else { return replacement }
        switch self {
        case .object(var members):
            // The last key may be new: an erratum can add a member.
            if tokens.count == 1 {
                members[key] = replacement
                return .object(members)
            }
            guard let child = members[key]?.replacing(tokens.dropFirst(), with: replacement) else { return nil }
            members[key] = child
            return .object(members)
        case .array(var items):
            guard let index = Int(key), items.indices.contains(index),
                let child = items[index].replacing(tokens.dropFirst(), with: replacement)
            else { return nil }
            items[index] = child
            return .array(items)
        default:
            return nil
        }
    }
}
