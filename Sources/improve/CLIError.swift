import PlanKit

/// The exit codes `improve` uses, as the README documents them.
enum ExitCode: Int32 {
    /// Success.
    case success = 0
    /// The command's findings: validation problems, or (later) overdue actions.
    case findings = 1
    /// The change was recorded in the plan, but what the command then wrote
    /// (its confirmation) could not be: a script must not run it again.
    case recordedOutputFailed = 3
    /// A usage error: an unknown option, a bad value (EX_USAGE).
    case usage = 64
    /// Bad plan data (EX_DATAERR).
    case dataError = 65
    /// A plan file or folder that does not exist (EX_NOINPUT).
    case noInput = 66
    /// A plan file or folder that cannot be written: read-only, a sticky folder,
    /// a file beside the plan that may not be used, or a new file that exists (EX_CANTCREAT).
    case cannotCreate = 73
    /// Writing failed, e.g. the disk is full (EX_IOERR).
    case ioError = 74
    /// The plan is locked by another update; try again (EX_TEMPFAIL).
    case tryAgain = 75
}

extension ExitCode: CaseIterable {
    /// What the code means, in a few words: the one list `--help` and the manual page show.
    var meaning: String {
        switch self {
        case .success: return "success"
        case .findings: return "the command's findings: overdue actions, validation problems, nothing to undo, updates refused as changed since export"
        case .recordedOutputFailed: return "the change was recorded, but its confirmation could not be written: do not run it again"
        case .usage: return "usage error: unknown command or option, bad value, unknown id, an update refused by its rules"
        case .dataError: return "bad plan data, or a change that would leave a plan invalid"
        case .noInput: return "a plan file or folder that does not exist"
        case .cannotCreate: return "a plan or its folder is read-only or sticky, a file beside it is a link or someone else's, or a new file would overwrite one"
        case .ioError: return "writing failed: a plan (left as it was), a reminder's mail program (remind --sendmail), or the output (stdout or stderr full or closed)"
        case .tryAgain: return "the plan is locked by another update; try again"
        }
    }
}

/// Errors of the command-line front end.
enum CLIError: Error {
    /// The command line is wrong: the message names the bad token or value;
    /// the command's usage line is shown with it.
    case usage(String, command: CommandDescriptor?)
    /// The plans, taken together, are not usable (two files with one plan id).
    case data(String)
    /// An input file (not a plan) that does not exist.
    case missingInput(String)
    /// An input file (not a plan) that is not a regular file: a folder, FIFO or device (never opened).
    case inputNotAFile(String, kind: FileKind)
    /// A change the command refuses, with how to proceed (exit 64, without a usage line).
    case refused(String)
    /// An error, and the complete command line that would go on from it: said after the error's own message,
    /// with its exit code. `why` says what the line does ("to import the rows that read").
    case withNextCommand(any Error, why: String, next: String)
}
