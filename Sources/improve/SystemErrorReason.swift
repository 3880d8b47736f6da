import FoundationEssentials
import Glibc

/// The words for why a file or folder could not be written, from an error FileManager or `Data.write` threw.
///
/// Foundation's `localizedDescription` came from swift-corelibs-foundation (and ICU); FoundationEssentials
/// throws the same errors without their sentences (issue 28), so the reason is the C library's words for
/// the system error under them (`Permission denied`, `No space left on device`).
enum SystemErrorReason {
    static func words(for error: any Error) -> String {
        if let posix = error as? POSIXError { return String(cString: strerror(posix.code.rawValue)) }
        if let cocoa = error as? CocoaError {
            if let underlying = cocoa.userInfo["NSUnderlyingError"] as? POSIXError { return String(cString: strerror(underlying.code.rawValue)) }
            switch cocoa.code {
            case .fileNoSuchFile, .fileReadNoSuchFile: return String(cString: strerror(ENOENT))
            case .fileWriteNoPermission, .fileReadNoPermission: return String(cString: strerror(EACCES))
            case .fileWriteFileExists: return String(cString: strerror(EEXIST))
            case .fileWriteOutOfSpace: return String(cString: strerror(ENOSPC))
            case .fileWriteVolumeReadOnly: return String(cString: strerror(EROFS))
            default: break
            }
        }
        return "\(error)"
    }
}
