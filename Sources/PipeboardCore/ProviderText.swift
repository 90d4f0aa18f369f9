/// Text from a provider is untrusted: this is the one place it is made safe for a terminal.
public enum ProviderText {
    /// Longest text kept from a provider field; the layout cuts further by cells.
    public static let maxScalars = 2_000
    /// Combining marks kept after one base character (more only stack into unreadable towers).
    static let maxCombiningRun = 3

    /// Removes terminal escape sequences, C0 / C1 controls, DEL, bidi overrides and zero-width characters,
    /// turns tabs and line breaks into spaces, caps combining runs and length.
    public static func clean(_ text: String) -> String {
        // Most provider text is short printable ASCII, which has nothing to remove: keep it as it is.
        if text.utf8.count <= maxScalars, text.utf8.allSatisfy({ (0x20...0x7E).contains($0) }) { return text }
        var out = String.UnicodeScalarView()
        var scalars = text.unicodeScalars.makeIterator()
        var combiningRun = 0
        var count = 0
        while let scalar = scalars.next(), count < maxScalars {
            let value = scalar.value
            if value == 0x1B || value == 0x9B || value == 0x9D || value == 0x90 {
                skipEscapeSequence(startingWith: value, in: &scalars)
                continue
            }
            if value == 0x09 || value == 0x0A || value == 0x0D {
                if out.last != " " { out.append(" "); count += 1 }
                combiningRun = 0
                continue
            }
            if isInvisibleControl(value) { continue }
            if scalar.properties.generalCategory == .nonspacingMark
                || scalar.properties.generalCategory == .enclosingMark
            {
                combiningRun += 1
                if combiningRun > maxCombiningRun || out.isEmpty { continue }
            } else {
                combiningRun = 0
            }
            out.append(scalar)
            count += 1
        }
        return String(out)
    }

    /// `clean` for optional fields, with blank turned into nil.
    public static func clean(_ text: String?) -> String? {
        text.map { clean($0) }?.nilIfBlank
    }

    static func isInvisibleControl(_ value: UInt32) -> Bool {
        switch value {
        case 0x00...0x1F, 0x7F...0x9F: return true // C0, DEL, C1
        case 0x200B...0x200F, 0x2028...0x202E: return true // zero-width, marks, separators, embeddings and overrides
        case 0x2060...0x206F: return true // word joiner, invisible operators, isolates
        case 0xFEFF, 0xFFF9...0xFFFB: return true // BOM, interlinear annotations
        default: return false
        }
    }

    /// Skips an ESC (or 8-bit CSI / OSC / DCS) sequence so that its parameters do not leak as text.
    static func skipEscapeSequence(startingWith first: UInt32, in scalars: inout String.UnicodeScalarView.Iterator) {
        var kind = first
        if first == 0x1B {
            guard let next = scalars.next() else { return }
            switch next.value {
            case 0x5B: kind = 0x9B // ESC [ : CSI
            case 0x5D: kind = 0x9D // ESC ] : OSC
            case 0x50, 0x58, 0x5E, 0x5F: kind = 0x90 // DCS, SOS, PM, APC: strings ended by ST
            default: return // a two-character escape: both dropped
            }
        }
        var previousWasEscape = false
        while let scalar = scalars.next() {
            let value = scalar.value
            if kind == 0x9B {
                if (0x40...0x7E).contains(value) { return } // final byte
                if !(0x20...0x3F).contains(value) { return } // malformed: stop at the first non-parameter
            } else {
                if value == 0x07 || value == 0x9C { return } // BEL or ST ends OSC / DCS
                if previousWasEscape && value == 0x5C { return } // ESC \ ends it
                previousWasEscape = value == 0x1B
            }
        }
    }
}

extension RemoteOpportunity {
    /// The record with every provider-written text made safe for a terminal.
    public var sanitized: RemoteOpportunity {
        var copy = self
        copy.name = ProviderText.clean(name)
        copy.stageID = ProviderText.clean(stageID)
        copy.pipelineID = ProviderText.clean(pipelineID)
        copy.providerStatus = ProviderText.clean(providerStatus)
        copy.contactName = ProviderText.clean(contactName)
        copy.companyName = ProviderText.clean(companyName)
        copy.email = ProviderText.clean(email)
        copy.phone = ProviderText.clean(phone)
        copy.owner = ProviderText.clean(owner)
        copy.closeDate = ProviderText.clean(closeDate)
        copy.source = ProviderText.clean(source)
        copy.tags = tags.compactMap { ProviderText.clean($0) }
        copy.customFields = Dictionary(
            customFields.map { (ProviderText.clean($0.key), ProviderText.clean($0.value)) },
            uniquingKeysWith: { first, _ in first })
        return copy
    }
}

extension Pipeline {
    /// The pipeline with its names made safe for a terminal (ids are kept: they go back to the provider).
    public var sanitized: Pipeline {
        Pipeline(
            id: id, name: ProviderText.clean(name),
            stages: stages.map {
                Stage(id: $0.id, name: ProviderText.clean($0.name), position: $0.position, probability: $0.probability)
            })
    }
}

extension RemoteNote {
    /// Provider text made safe for the screen, where it enters the model (a note reads as one paragraph).
    public var sanitized: RemoteNote {
        var copy = self
        copy.text = ProviderText.clean(text)
        copy.author = ProviderText.clean(author)
        return copy
    }
}

extension RemoteTask {
    public var sanitized: RemoteTask {
        var copy = self
        copy.title = ProviderText.clean(title)
        copy.owner = ProviderText.clean(owner)
        return copy
    }
}
