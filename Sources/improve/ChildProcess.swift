import Glibc

/// A program run by improve (git, a mail sender), started with `posix_spawn` and waited for.
///
/// It replaced Foundation's `Process` and `FileHandle`, which live in swift-corelibs-foundation and bring ICU's
/// data into the binary (issue 28). Like `Process`, the child gets the given folder, environment and
/// arguments, and only the standard streams asked for; it starts with every signal at its default and
/// none blocked (improve ignores SIGPIPE for itself), and with no other descriptor of improve's open.
struct ChildProcess {
    /// What one of the child's standard streams is joined to.
    enum Stream: Equatable {
        /// improve's own.
        case inherited
        /// /dev/null.
        case discarded
        /// A pipe improve writes (standard input) or reads (output, errors).
        case piped
    }

    /// How the child ended, and what it wrote to its piped streams.
    struct Outcome {
        /// The exit status, or the signal's number when ``signalled``.
        var status: Int32
        var signalled: Bool
        var output: [UInt8] = []
        var errors: [UInt8] = []
    }

    /// Why a program could not be started: the C library's words for the error.
    struct LaunchFailure: Error {
        var reason: String
    }

    var executable: String
    var arguments: [String]
    /// Nil: improve's own environment.
    var environment: [String: String]?
    /// Nil: improve's working folder.
    var folder: String?
    var input: Stream = .inherited
    var output: Stream = .inherited
    var errors: Stream = .inherited

    /// Runs the program to its end: writes `message` to a piped standard input and closes it, then reads
    /// the piped output and errors (in that order, as `Process` with `Pipe` was used), then waits.
    /// Returns how many bytes of `message` the child read before it closed its input.
    func run(writing message: [UInt8] = []) throws(LaunchFailure) -> (Outcome, written: Int) {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var all = sigset_t(), none = sigset_t()
        sigfillset(&all)
        sigemptyset(&none)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))

        var pipes: [Int32: (read: Int32, write: Int32)] = [:]
        defer { for (_, ends) in pipes { close(ends.read); close(ends.write) } }
        for (descriptor, stream) in [(Int32(0), input), (1, output), (2, errors)] {
            switch stream {
            case .inherited: break
            case .discarded:
                posix_spawn_file_actions_addopen(&actions, descriptor, "/dev/null", descriptor == 0 ? O_RDONLY : O_WRONLY, 0)
            case .piped:
                var ends: [Int32] = [0, 0]
                guard pipeClosedOnExec(&ends, O_CLOEXEC) == 0 else { throw LaunchFailure(reason: String(cString: strerror(errno))) }
                pipes[descriptor] = (ends[0], ends[1])
                posix_spawn_file_actions_adddup2(&actions, descriptor == 0 ? ends[0] : ends[1], descriptor)
            }
        }
        // After the dup2s, which the actions run in order.
        spawnAddCloseFrom(&actions, 3)
        if let folder { spawnAddChdir(&actions, folder) }

        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        let environmentWords = environment.map { $0.map { "\($0.key)=\($0.value)" }.sorted() }
        let envp = environmentWords.map { $0.map { strdup($0) } + [nil] }
        defer { envp?.forEach { free($0) } }
        var child = pid_t()
        let started = envp.map { posix_spawn(&child, executable, &actions, &attributes, argv, $0) }
            ?? posix_spawn(&child, executable, &actions, &attributes, argv, environ)
        guard started == 0 else { throw LaunchFailure(reason: String(cString: strerror(started))) }

        // The parent's copies of the child's ends, closed so that end of file is seen.
        for (descriptor, ends) in pipes {
            close(descriptor == 0 ? ends.read : ends.write)
            pipes[descriptor] = descriptor == 0 ? (-1, ends.write) : (ends.read, -1)
        }
        var written = 0
        if let writeEnd = pipes[0]?.write {
            while written < message.count {
                let count = message[written...].withUnsafeBytes { Glibc.write(writeEnd, $0.baseAddress!, $0.count) }
                if count < 0, errno == EINTR { continue }
                if count <= 0 { break }
                written += count
            }
            close(writeEnd)
            pipes[0] = (-1, -1)
        }
        var outcome = Outcome(status: 0, signalled: false)
        if let readEnd = pipes[1]?.read { outcome.output = Self.readAll(readEnd) }
        if let readEnd = pipes[2]?.read { outcome.errors = Self.readAll(readEnd) }
        var status: Int32 = 0
        while waitpid(child, &status, 0) < 0, errno == EINTR {}
        // WIFSIGNALED / WTERMSIG / WEXITSTATUS, which Swift does not import as macros.
        if status & 0x7f != 0, status & 0x7f != 0x7f {
            outcome.signalled = true
            outcome.status = status & 0x7f
        } else {
            outcome.status = (status >> 8) & 0xff
        }
        return (outcome, written)
    }

    /// Everything a descriptor gives until its end (`run` closes it).
    private static func readAll(_ descriptor: Int32) -> [UInt8] {
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress!, $0.count) }
            if count < 0, errno == EINTR { continue }
            if count <= 0 { break }
            bytes += buffer[..<count]
        }
        return bytes
    }
}

// glibc's GNU extensions, which Swift's Glibc module does not import (it is built without _GNU_SOURCE):
// declared here by their C names; each takes pointers and ints and returns an int, which the Swift
// and C calling conventions pass alike.
@_silgen_name("posix_spawn_file_actions_addchdir_np")
@discardableResult
private func spawnAddChdir(_ actions: UnsafeMutablePointer<posix_spawn_file_actions_t>, _ path: UnsafePointer<CChar>) -> Int32

@_silgen_name("posix_spawn_file_actions_addclosefrom_np")
@discardableResult
private func spawnAddCloseFrom(_ actions: UnsafeMutablePointer<posix_spawn_file_actions_t>, _ lowest: Int32) -> Int32

@_silgen_name("pipe2")
private func pipeClosedOnExec(_ ends: UnsafeMutablePointer<Int32>, _ flags: Int32) -> Int32
