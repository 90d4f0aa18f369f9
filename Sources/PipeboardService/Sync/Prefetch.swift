/// Pages fetched one ahead: while `consume` handles a page, the next one (if the page names one) is already
/// being fetched, so a pull costs about the slower of fetching and storing per page rather than both.
///
/// Pages reach `consume` in order, one at a time. The first error, from a fetch or from `consume`, ends the loop
/// and is thrown; the fetch in flight then is cancelled and nothing more is asked for. No page is fetched after
/// the one whose cursor is nil, and never more than one page is ahead of `consume`.
enum Prefetch {
    static func pages<Page: Sendable>(
        isolation: isolated (any Actor)? = #isolation,
        fetch: @escaping @Sendable (_ cursor: String?) async throws -> Page,
        next: (Page) -> String?,
        consume: (Page) async throws -> Void
    ) async throws {
        var pending = Task.detached { try await fetch(nil) }
        while true {
            let page = try await withTaskCancellationHandler {
                try await pending.value
            } onCancel: { [pending] in
                pending.cancel()
            }
            let following = next(page).map { cursor in Task.detached { try await fetch(cursor) } }
            do {
                try await consume(page)
            } catch {
                following?.cancel()
                throw error
            }
            guard let following else { return }
            pending = following
        }
    }
}
