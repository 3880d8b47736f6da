import PlanKit
import PlanStorage

/// The exit codes `improve` uses, as the README documents them.
enum ExitCode: Int32 {
    /// Success.
    case success = 0
    /// The command's findings: validation problems, or (later) overdue actions.
    case findings = 1
    /// A usage error: an unknown option, a bad value (EX_USAGE).
    case usage = 64
    /// Bad plan data (EX_DATAERR).
    case dataError = 65
    /// A plan file or folder that does not exist (EX_NOINPUT).
    case noInput = 66
    /// A plan file or folder that cannot be written: read-only, or a new file that exists (EX_CANTCREAT).
    case cannotCreate = 73
    /// Writing failed, e.g. the disk is full (EX_IOERR).
    case ioError = 74
    /// The plan is locked by another update; try again (EX_TEMPFAIL).
    case tryAgain = 75
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
}

/// The one place that turns any error into a message and an exit code.
enum ErrorReporter {
    /// The message to print on stderr and the exit code for an error.
    ///
    /// - Parameter error: any error a command threw.
    /// - Returns: the message (without a trailing newline) and the exit code.
    static func report(_ error: any Error) -> (message: String, code: ExitCode) {
        switch error {
        case CLIError.usage(let message, let command):
            var text = "improve: \(message)"
            if let command {
                text += "\n\(command.usageLine)\nSee 'improve \(command.name) --help'."
            } else {
                text += "\nusage: improve <command> [options]\nSee 'improve --help'."
            }
            return (text, .usage)
        case CLIError.data(let message):
            return ("improve: \(message)", .dataError)
        case CLIError.missingInput(let path):
            return ("improve: no file at \(path); check the path", .noInput)
        case let error as PlanError:
            switch error {
            case .fileNotFound, .folderNotFound, .noPlans, .unreadable:
                return ("improve: \(error.description)", .noInput)
            case .invalidPlan:
                return ("improve: \(error.description)", .dataError)
            }
        case let error as PlanWriteError:
            let code: ExitCode
            switch error {
            case .lockTimeout: code = .tryAgain
            case .readOnly, .alreadyExists: code = .cannotCreate
            case .writeFailed: code = .ioError
            case .wouldNotValidate, .changedSince: code = .dataError
            case .refused: code = .usage
            case .nothingToUndo: code = .findings
            }
            return ("improve: \(error.description)", code)
        case let error as ImportError:
            switch error {
            case .unknownMapping, .missingColumns: return ("improve: \(error.description)", .usage)
            default: return ("improve: \(error.description)", .dataError)
            }
        case let error as UpdateError:
            return ("improve: \(error.description)", .usage)
        case let error as LookupError:
            return ("improve: \(error.description)", .usage)
        case let error as QueryError:
            return ("improve: \(error.description)", .usage)
        default:
            return ("improve: \(error)", .dataError)
        }
    }
}
