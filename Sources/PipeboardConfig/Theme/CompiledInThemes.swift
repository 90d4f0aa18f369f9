import PipeboardTUI

/// The shipped themes, compiled in from their files: the package manifest embeds themes/*.toml (through
/// Theme/Shipped, a link to themes/), so `T` finds them wherever the binary lives and no resource bundle has to
/// sit beside it. themes/ is their one source.
extension Theme {
    /// Each shipped theme's TOML by name, the default's included.
    package static let shippedTOML: [String: String] = [
        "default": PackageResources.default_toml,
        "light": PackageResources.light_toml,
        "solarized-dark": PackageResources.solarized_dark_toml,
        "high-contrast": PackageResources.high_contrast_toml,
        "mono": PackageResources.mono_toml,
    ].mapValues { String(decoding: $0, as: UTF8.self) }

    /// The default dark theme, from themes/default.toml: the board's look when no theme is set, and the
    /// golden screens'. A test parses every shipped file, so a built binary cannot stop here.
    package static let builtInDefault: Theme = {
        do {
            return try Theme.parse(toml: shippedTOML["default", default: ""], name: "default")
        } catch {
            preconditionFailure("themes/default.toml does not parse: \(error)")
        }
    }()
}
