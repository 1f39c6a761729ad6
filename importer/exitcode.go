package importer

// RunExitCode is the exit code of a run that returned sum and err (see
// Run): the summary's when there is no error; ExitInput when nothing was
// done (no summary, or an input or mapping problem: nothing was sent);
// ExitInterrupted for a run stopped by a signal (or a web page's Stop);
// ExitRowsNotOK for a run that sent and then failed (its result sheet).
// The command line and the web page both exit, or report, by it.
func RunExitCode(sum *Summary, err error) int {
	switch {
	case err == nil && sum != nil:
		return sum.ExitCode()
	case sum == nil || IsInputError(err):
		return ExitInput
	case sum.Interrupted:
		return ExitInterrupted
	}
	return ExitRowsNotOK
}
