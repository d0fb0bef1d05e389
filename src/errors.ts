// Typed errors carry their exit code; nothing else decides one.

export class TriageError extends Error {
  readonly exitCode: number
  constructor(message: string, exitCode: number) {
    super(message)
    this.name = new.target.name
    this.exitCode = exitCode
  }
}

/** Bad options or arguments: exit 2. */
export class UsageError extends TriageError {
  constructor(message: string) {
    super(message, 2)
  }
}

/** Unreadable or unusable input, config or rule files: exit 2. */
export class InputError extends TriageError {
  constructor(message: string) {
    super(message, 2)
  }
}

/** The run worked and found problems (rule check failures, `--fail-on` met): exit 1. */
export class CheckFailed extends TriageError {
  constructor(message: string) {
    super(message, 1)
  }
}
