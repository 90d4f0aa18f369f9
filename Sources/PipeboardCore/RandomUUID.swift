import Foundation

extension UUID {
    /// A random (version 4, RFC 4122) id from the system's generator. Foundation's `UUID()` on Linux opens, reads
    /// and closes /dev/urandom for every id: three system calls per card, which a first pull of thousands of
    /// cards paid thousands of times.
    public static func random() -> UUID {
        var generator = SystemRandomNumberGenerator()
        var value: uuid_t = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        withUnsafeMutableBytes(of: &value) { bytes in
            bytes.storeBytes(of: generator.next() as UInt64, toByteOffset: 0, as: UInt64.self)
            bytes.storeBytes(of: generator.next() as UInt64, toByteOffset: 8, as: UInt64.self)
            bytes[6] = (bytes[6] & 0x0F) | 0x40 // version 4
            bytes[8] = (bytes[8] & 0x3F) | 0x80 // RFC 4122 variant
        }
        return UUID(uuid: value)
    }
}
