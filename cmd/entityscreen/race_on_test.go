//go:build race

package main

// buildFlags are the flags TestMain builds the command with: under the
// race detector, the command is built with it too, so that the end-to-end
// tests check the command's goroutines (reading, screening, signals).
var buildFlags = []string{"-race"}
