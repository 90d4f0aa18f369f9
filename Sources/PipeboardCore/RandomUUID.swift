import Foundation
#if canImport(Glibc)
    import Glibc
#endif

extension UUID {
    /// A random (version 4, RFC 4122) id from the system's generator. Foundation's `UUID()` on Linux opens, reads
    /// and closes /dev/urandom for every id, and even the standard generator is one system call per 8 bytes; the
    /// bytes are drawn 4 KB at a time instead (`RandomBytes`), since a first pull makes an id per card.
    public static func random() -> UUID {
        var value: uuid_t = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        withUnsafeMutableBytes(of: &value) { bytes in
            RandomBytes.shared.fill(bytes)
            bytes[6] = (bytes[6] & 0x0F) | 0x40 // version 4
            bytes[8] = (bytes[8] & 0x3F) | 0x80 // RFC 4122 variant
        }
        return UUID(uuid: value)
    }
}

/// Bytes from the system's cryptographic generator, fetched in blocks and handed out once each.
final class RandomBytes: @unchecked Sendable {
    static let shared = RandomBytes()
    // Guarded by `lock`.
    private let lock = NSLock()
    private var block = [UInt8](repeating: 0, count: 4_096)
    private var used = 4_096

    func fill(_ target: UnsafeMutableRawBufferPointer) {
        lock.withLock {
            for index in target.indices {
                if used == block.count { refill() }
                target[index] = block[used]
                used += 1
            }
        }
    }

    private func refill() {
        block.withUnsafeMutableBytes { buffer in
            // getentropy gives at most 256 bytes a call.
            var filled = 0
            while filled < buffer.count, getentropy(buffer.baseAddress! + filled, min(256, buffer.count - filled)) == 0
            {
                filled += min(256, buffer.count - filled)
            }
            if filled == buffer.count { return }
            // getentropy failed: the standard generator, 8 bytes a call.
            var generator = SystemRandomNumberGenerator()
            for offset in stride(from: 0, to: buffer.count, by: 8) {
                buffer.storeBytes(of: generator.next() as UInt64, toByteOffset: offset, as: UInt64.self)
            }
        }
        used = 0
    }
}
