import Foundation
import ProviderFakes
import Testing

/// The providers' published specs, loaded once for the suites that hold the clients' requests against them.
package enum ProviderSpecs {
    package static let highLevel = Result { try SpecLibrary.highLevel() }
    package static let twenty = Result { try SpecLibrary.twenty() }

    package static func library(for subject: Subject) -> Result<SpecLibrary, any Error>? {
        switch subject {
        case .highLevel: highLevel
        case .twenty: twenty
        default: nil
        }
    }
}

extension Harness {
    /// Records a test issue for every request the client sent (and every answer the fake gave) that departs from
    /// the provider's spec, except those `unchecked` excuses (a test that sends a bad value on purpose).
    package func expectRequestsConformToSpec(except unchecked: (RecordedRequest) -> Bool = { _ in false }) {
        guard let library = ProviderSpecs.library(for: subject) else { return }
        switch library {
        case .failure(let error):
            Issue.record("\(subject)'s spec did not load: \(error)")
        case .success(let library):
            for violation in library.violations(of: requests.filter { !unchecked($0) }) {
                Issue.record("\(subject) departs from its spec: \(violation)")
            }
        }
    }
}
