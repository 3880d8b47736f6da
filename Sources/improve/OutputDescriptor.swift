import FoundationEssentials
import Glibc

/// One of the process's standard streams (stdout or stderr), written with
/// `write(2)` and every result checked.
///
/// Foundation's `FileHandle.write` traps on a failed write (a full disk, a
/// closed descriptor), which killed `improve` with SIGILL after it had already
/// recorded a change. Here the first failure is kept (its `errno`) and every
/// later write is dropped, so the command finishes what it was doing and
/// ``Entrypoint`` turns the failure into an exit code: a closed pipe (the
/// reader quit, `improve list | head`) ends quietly; anything else is 74, or
/// ``ExitCode/recordedOutputFailed`` once a change has been recorded.
final class OutputDescriptor: @unchecked Sendable {
    let descriptor: Int32
    /// The `errno` of the first write that failed, or `nil`.
    private(set) var failure: Int32?

    /// - Parameter closedAtStart: the descriptor was not open when the process
    ///   started (`improve list >&-`); the slot holds /dev/null so that no file
    ///   the command opens takes it, and every write fails as `EBADF`.
    init(descriptor: Int32, closedAtStart: Bool = false) {
        self.descriptor = descriptor
        failure = nil
        self.closedAtStart = closedAtStart
    }

    private let closedAtStart: Bool

    /// Writes all of `bytes`, retrying on interruption, or notes the failure.
    func write<Bytes: Collection>(_ bytes: Bytes) where Bytes.Element == UInt8 {
        guard failure == nil, !bytes.isEmpty else { return }
        if closedAtStart {
            failure = EBADF
            return
        }
        let array = Array(bytes)
        var offset = 0
        while offset < array.count {
            let written = array.withUnsafeBytes { buffer in
                Glibc.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
            }
            if written >= 0 {
                offset += written
                continue
            }
            switch errno {
            case EINTR:
                continue
            case EAGAIN:
                // A descriptor someone left non-blocking: wait until it takes more.
                var poller = pollfd(fd: descriptor, events: Int16(POLLOUT), revents: 0)
                _ = poll(&poller, 1, -1)
            default:
                failure = errno
                return
            }
        }
    }

    /// Whether the failure is the reader having gone (a closed pipe): an end, not an error.
    var readerWentAway: Bool { failure == EPIPE }

    /// The failure in words (`No space left on device`).
    var failureReason: String? { failure.map { String(cString: strerror($0)) } }

    /// The process's stdout and stderr, with a closed one noted.
    ///
    /// Called once at start-up: a descriptor 0, 1 or 2 that is not open gets
    /// /dev/null (so the plan file the command opens next can never become
    /// "stdout"), and writes to a closed 1 or 2 report `EBADF`. SIGPIPE is
    /// ignored so that a reader that quits shows up as `EPIPE` here instead of
    /// killing the process mid-way; SIGXFSZ likewise, so that a file-size limit
    /// (`ulimit -f`) is a write that fails with `EFBIG` – reported, and a plan's
    /// temporary file removed – not a kill that leaves it behind.
    static func standardStreams() -> (stdout: OutputDescriptor, stderr: OutputDescriptor) {
        signal(SIGPIPE, SIG_IGN)
        signal(SIGXFSZ, SIG_IGN)
        var closed = [false, false, false]
        for fd in Int32(0)...2 where fcntl(fd, F_GETFD) == -1 && errno == EBADF {
            closed[Int(fd)] = true
            let opened = open("/dev/null", fd == 0 ? O_RDONLY : O_WRONLY)
            if opened >= 0, opened != fd {
                dup2(opened, fd)
                close(opened)
            }
        }
        return (OutputDescriptor(descriptor: STDOUT_FILENO, closedAtStart: closed[1]),
                OutputDescriptor(descriptor: STDERR_FILENO, closedAtStart: closed[2]))
    }
}
