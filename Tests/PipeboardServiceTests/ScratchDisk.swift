import Foundation

/// A small tmpfs of the test's own, so a full or read-only disk is real rather than imitated. Mounting needs
/// root with CAP_SYS_ADMIN; where that is missing, `mount` returns nil and the tests say which fallback they use.
struct ScratchDisk {
    let folder: URL

    static func mount(kilobytes: Int) -> ScratchDisk? {
        guard getuid() == 0 else { return nil }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "pipeboard-disk-\(UUID().uuidString)")
        guard (try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)) != nil else {
            return nil
        }
        guard run(["mount", "-t", "tmpfs", "-o", "size=\(kilobytes)k,mode=0700", "tmpfs", folder.path]) == 0 else {
            try? FileManager.default.removeItem(at: folder)
            return nil
        }
        return ScratchDisk(folder: folder)
    }

    static var canMount: Bool {
        guard let disk = mount(kilobytes: 64) else { return false }
        disk.unmount()
        return true
    }

    func remount(readOnly: Bool) -> Bool {
        Self.run(["mount", "-o", "remount,\(readOnly ? "ro" : "rw")", folder.path]) == 0
    }

    func unmount() {
        _ = Self.run(["umount", "-l", folder.path])
        try? FileManager.default.removeItem(at: folder)
    }

    /// Fills the disk with one file until the kernel says it is full; returns that file.
    func fill() throws -> URL {
        let filler = folder.appendingPathComponent("filler")
        try Data().write(to: filler)
        let handle = try FileHandle(forWritingTo: filler)
        defer { try? handle.close() }
        let block = Data(repeating: 0x5A, count: 4_096)
        while (try? handle.write(contentsOf: block)) != nil {}
        return filler
    }

    @discardableResult
    static func run(_ arguments: [String]) -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return -1 }
        process.waitUntilExit()
        return process.terminationStatus
    }
}
