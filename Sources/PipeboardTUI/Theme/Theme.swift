/// Colours and attributes for every `ColorRole`. Pure data: `ThemeParser` reads it from TOML,
/// `builtInDefault` is compiled in, and the terminal resolves it at the colour depth it detected.
package struct Theme: Hashable, Sendable {
    package var name: String
    /// The roles the theme sets; any other role looks like its fallback (`ColorRole.fallback`), else like `.text`.
    package var roles: [ColorRole: RoleColors]

    package init(name: String, roles: [ColorRole: RoleColors]) {
        self.name = name
        self.roles = roles
    }

    package func colors(for role: ColorRole) -> RoleColors {
        roles[role] ?? role.fallback.flatMap { roles[$0] } ?? roles[.text] ?? RoleColors()
    }

    /// The role's colours at `depth`. Without colour a background cannot show, so a role that has one is drawn
    /// in reverse video instead: focus, selection, the status bar and overlays stay visible in monochrome.
    package func resolved(for role: ColorRole, depth: ColorDepth) -> ResolvedStyle {
        let colors = colors(for: role)
        return ResolvedStyle(
            foreground: colors.foreground?.number(for: depth, isForeground: true),
            background: colors.background?.number(for: depth, isForeground: false),
            bold: colors.bold ?? false,
            underline: colors.underline ?? false,
            reverse: (colors.reverse ?? false) || (depth == .none && colors.background != nil),
            dim: colors.dim ?? false
        )
    }

    /// A cell's full style: the role's colours plus the attributes of both the theme and the cell.
    package func resolved(_ style: CellStyle, depth: ColorDepth) -> ResolvedStyle {
        var resolved = resolved(for: style.role, depth: depth)
        if let on = style.on, resolved.background == nil, !resolved.reverse {
            let behind = self.resolved(for: on, depth: depth)
            resolved.background = behind.background
            resolved.reverse = behind.reverse // without colour the highlight is reverse video
        }
        resolved.bold = resolved.bold || style.bold
        resolved.underline = resolved.underline || style.underline
        resolved.reverse = resolved.reverse || style.reverse
        resolved.dim = resolved.dim || style.dim
        return resolved
    }
}
