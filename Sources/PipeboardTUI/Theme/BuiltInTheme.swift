extension Theme {
    /// The default dark theme, compiled in so the binary looks right from any folder.
    /// Mirrors themes/default.toml; a test keeps the two equal.
    public static let builtInDefault = Theme(
        name: "default",
        roles: [
            .text: RoleColors(foreground: c(0xd0d0d0, 252, 7)),
            .muted: RoleColors(foreground: c(0x8a8a8a, 245, 8)),
            .accent: RoleColors(foreground: c(0x5fafff, 75, 12), bold: true),
            .border: RoleColors(foreground: c(0x585858, 240, 8)),
            .columnHeader: RoleColors(foreground: c(0xd0d0d0, 252, 7), bold: true),
            .columnHeaderFocused: RoleColors(foreground: c(0xffffff, 231, 15), background: c(0x005f87, 24, 4), bold: true),
            .card: RoleColors(foreground: c(0xd0d0d0, 252, 7)),
            .cardFocused: RoleColors(foreground: c(0xffffff, 231, 15), background: c(0x005f87, 24, 4), bold: true),
            .cardSelected: RoleColors(foreground: c(0xffffff, 231, 15), background: c(0x5f005f, 53, 5), underline: true),
            .value: RoleColors(foreground: c(0x87d787, 114, 10)),
            .stale: RoleColors(foreground: c(0xd7af5f, 179, 3)),
            .pending: RoleColors(foreground: c(0x87afd7, 110, 6)),
            .failed: RoleColors(foreground: c(0xff5f5f, 203, 9), bold: true),
            .won: RoleColors(foreground: c(0x5fd75f, 77, 2)),
            .lost: RoleColors(foreground: c(0xaf5f5f, 131, 1)),
            .statusBar: RoleColors(foreground: c(0xd0d0d0, 252, 0), background: c(0x303030, 236, 7)),
            .statusKey: RoleColors(foreground: c(0xffd75f, 221, 4), background: c(0x303030, 236, 7), bold: true),
            .statusMessage: RoleColors(foreground: c(0x87d7ff, 117, 0), background: c(0x303030, 236, 7)),
            .error: RoleColors(foreground: c(0xff5f5f, 203, 9), bold: true),
            .overlay: RoleColors(foreground: c(0xd0d0d0, 252, 7), background: c(0x262626, 235, 0)),
            .overlayBorder: RoleColors(foreground: c(0x5fafff, 75, 12), background: c(0x262626, 235, 0)),
            .overlayTitle: RoleColors(foreground: c(0xffffff, 231, 15), background: c(0x262626, 235, 0), bold: true),
            .input: RoleColors(foreground: c(0xd0d0d0, 252, 7), background: c(0x3a3a3a, 237, 0), underline: true),
            .inputFocused: RoleColors(foreground: c(0xffffff, 231, 15), background: c(0x005f87, 24, 4), bold: true, underline: true),
            .chartBar: RoleColors(foreground: c(0x5fafff, 75, 12)),
            .chartWeighted: RoleColors(foreground: c(0x87d787, 114, 10), bold: true),
            .progress: RoleColors(foreground: c(0xffd75f, 221, 4), background: c(0x303030, 236, 7)),
        ]
    )
}

private func c(_ truecolor: Int, _ ansi256: Int, _ ansi16: Int) -> ThemeColor {
    ThemeColor(truecolor: truecolor, ansi256: ansi256, ansi16: ansi16)
}
