import Foundation
import ProviderFakes

extension SpecRequest {
    /// A request as a fake logged it.
    public init(_ recorded: RecordedRequest) {
        let components = URLComponents(string: "http://fake" + recorded.uri)
        self.init(
            method: recorded.method, path: components?.percentEncodedPath ?? recorded.path,
            query: components?.queryItems ?? [], headers: recorded.headers, body: Data(recorded.body.utf8))
    }
}

extension SpecLibrary {
    /// Violations of every logged request, and of every kept answer with a documented status.
    public func violations(of log: [RecordedRequest]) -> [SpecViolation] {
        log.flatMap { recorded in
            let request = SpecRequest(recorded)
            var found = violations(of: request)
            if let status = recorded.status, let answer = recorded.response {
                found += violations(ofAnswer: Data(answer.utf8), status: status, to: request)
            }
            return found
        }
    }
}
