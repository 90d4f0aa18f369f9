import PipeboardStore

/// What the board remembers between runs besides the board shown: the theme chosen with `T`.
extension BoardService {
    /// The theme chosen last, if it was chosen while the config named `configTheme`: editing the config's theme
    /// afterwards wins over an older choice.
    package func rememberedTheme(configTheme: String) throws -> String? {
        guard try store.setting(Setting.themeChosenOver) == configTheme else { return nil }
        return try store.setting(Setting.theme)
    }

    package func rememberTheme(_ theme: String, configTheme: String) throws {
        try store.write { writer in
            try writer.setSetting(Setting.theme, theme)
            try writer.setSetting(Setting.themeChosenOver, configTheme)
        }
    }
}

extension Setting {
    static let theme = "board.theme"
    /// The config's theme when `theme` was chosen.
    static let themeChosenOver = "board.theme.config"
}
