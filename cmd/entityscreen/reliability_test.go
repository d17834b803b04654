package main

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestHostileCommandLines: unknown flags on every command, files that cannot
// be read, and a list in another encoding each end with status 2 and a
// message naming the problem, never a panic trace.
func TestHostileCommandLines(t *testing.T) {
	dir := t.TempDir()
	latin1 := filepath.Join(dir, "latin1.csv")
	require.NoError(t, os.WriteFile(latin1, []byte("name,aliases\nCaf\xe9 Import,\n"), 0o644))
	tests := []struct {
		name   string
		args   []string
		stderr []string
	}{
		{"screen unknown flag", []string{"screen", "--no-such-flag"}, []string{`flag provided but not defined: "--no-such-flag"`, "Usage: entityscreen screen"}},
		{"explain unknown flag", []string{"explain", "--bogus", "x"}, []string{`flag provided but not defined: "--bogus"`, "Usage: entityscreen explain"}},
		{"info unknown flag", []string{"info", "-x"}, []string{`flag provided but not defined: "--x"`, "Usage: entityscreen info"}},
		{"update unknown flag", []string{"update", "--bogus"}, []string{`flag provided but not defined: "--bogus"`, "Usage: entityscreen update"}},
		{"monitor unknown flag", []string{"monitor", "--bogus"}, []string{`flag provided but not defined: "--bogus"`, "Usage: entityscreen monitor"}},
		{"alerts unknown flag", []string{"alerts", "--bogus"}, []string{`flag provided but not defined: "--bogus"`, "Usage: entityscreen alerts"}},
		{"decide unknown flag", []string{"decide", "1", "--bogus"}, []string{`flag provided but not defined: "--bogus"`, "Usage: entityscreen decide"}},
		{"audit unknown flag", []string{"audit", "--bogus"}, []string{`flag provided but not defined: "--bogus"`, "Usage: entityscreen audit"}},
		{"version unknown flag", []string{"version", "--bogus"}, []string{`flag provided but not defined: "--bogus"`, "Usage: entityscreen version"}},
		{"directory as vendors", []string{"monitor", "--vendors", dir, "--key-column", "id", "--list", fixtures + "csl.csv"}, []string{"cannot read input", "is a directory"}},
		{"directory as store", []string{"monitor", "--vendors", fixtures + "monitor_vendors.csv", "--key-column", "vendor_id", "--name-column", "vendor_name",
			"--list", fixtures + "csl.csv", "--db", dir}, []string{"cannot open the store", dir}},
		{"flag without its value", []string{"screen", "x", "--threshold"}, []string{"flag needs an argument: --threshold"}},
		{"flag with a bad value", []string{"screen", "--limit", "many", "x"}, []string{`invalid value "many" for flag --limit`}},
		{"directory as list", []string{"screen", "--list", dir, "x"}, []string{"cannot use the list", "is a directory"}},
		{"directory as input", []string{"screen", "--list", fixtures + "csl.csv", "--input", dir}, []string{"cannot read input", "is a directory"}},
		{"explain with a directory as list", []string{"explain", "--list", dir, "x"}, []string{"cannot use the list", "is a directory"}},
		{"info with a missing list", []string{"info", "--list", filepath.Join(dir, "none.csv")}, []string{"none.csv", "no such file"}},
		{"list in Latin-1", []string{"screen", "--list", latin1, "Cafe Import"}, []string{"latin1.csv", `line 2, field "name": invalid UTF-8`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := runCLI(t, nil, "", tt.args...)
			assert.Equal(t, exitError, r.code, "stdout:\n%s\nstderr:\n%s", r.stdout, r.stderr)
			for _, s := range tt.stderr {
				assert.Contains(t, r.stderr, s)
			}
			assert.NotContains(t, r.stderr, "panic")
			assert.NotContains(t, r.stderr, "goroutine ")
		})
	}
}

// TestUnreadableFile: a list without read permission fails clearly. Root
// reads it anyway, so the test skips then.
func TestUnreadableFile(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root can read a file without read permission")
	}
	path := filepath.Join(t.TempDir(), "locked.csv")
	require.NoError(t, os.WriteFile(path, []byte("name\nAcme\n"), 0o000))
	r := runCLI(t, nil, "", "screen", "--list", path, "x")
	assert.Equal(t, exitError, r.code)
	assert.Contains(t, r.stderr, "permission denied")
}

// TestClosedStdout runs commands with standard output closed, and writing to
// a full device: no panic trace; a closed output is quiet (the runtime
// points it at /dev/null), a full one is an error that says so.
func TestClosedStdout(t *testing.T) {
	sh, err := exec.LookPath("sh")
	if err != nil {
		t.Skip("no sh to close standard output with")
	}
	list := fixtures + "csl.csv"
	tests := []struct {
		name   string
		args   []string
		code   int
		stderr string // part of it; empty: stderr must be empty
	}{
		{"screen, match", []string{"screen", "--list", list, "AO Kaspersky Lab"}, exitMatch, ""},
		{"screen, no match", []string{"screen", "--list", list, "Nobody Particular"}, exitClear, ""},
		{"explain", []string{"explain", "--list", list, "AO Kaspersky Lab"}, exitMatch, ""},
		{"info", []string{"info", "--list", list}, exitClear, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name+", closed", func(t *testing.T) {
			cmd := exec.Command(sh, append([]string{"-c", `exec "$0" "$@" >&-`, binary}, tt.args...)...)
			cmd.Env = cacheEnv(t.TempDir())
			var stderr bytes.Buffer
			cmd.Stderr = &stderr
			err := cmd.Run()
			code := 0
			var ee *exec.ExitError
			if errors.As(err, &ee) {
				code = ee.ExitCode()
			}
			assert.Equal(t, tt.code, code, stderr.String())
			assert.Empty(t, stderr.String())
		})
	}
	if _, err := os.Stat("/dev/full"); err != nil {
		return
	}
	for _, tt := range tests {
		t.Run(tt.name+", full", func(t *testing.T) {
			full, err := os.OpenFile("/dev/full", os.O_WRONLY, 0)
			require.NoError(t, err)
			defer full.Close()
			cmd := exec.Command(binary, tt.args...)
			cmd.Env = cacheEnv(t.TempDir())
			cmd.Stdout = full
			var stderr bytes.Buffer
			cmd.Stderr = &stderr
			err = cmd.Run()
			var ee *exec.ExitError
			require.ErrorAs(t, err, &ee)
			assert.Equal(t, exitError, ee.ExitCode())
			assert.Contains(t, stderr.String(), "no space left on device")
			assert.NotContains(t, stderr.String(), "goroutine ")
		})
	}
}

// TestCROnlyLineEnds: input written with CR alone at the end of lines (old
// Mac files) has as many queries as lines, from standard input and from a
// CSV file; a CR inside a quoted CSV field stays data.
func TestCROnlyLineEnds(t *testing.T) {
	r := runCLI(t, nil, "Contoso Paper Supplies\rAO Kaspersky Lab\rNorthwind Traders\r",
		"screen", "--list", fixtures+"csl.csv", "--format", "json")
	assert.Equal(t, exitMatch, r.code, r.stderr)
	objs := jsonLines(t, r.stdout)
	require.Len(t, objs, 3, "three lines, three queries")
	assert.Equal(t, "AO Kaspersky Lab", objs[1]["query"])
	assert.NotEmpty(t, matchesOf(t, objs[1]))

	in := filepath.Join(t.TempDir(), "mac.csv")
	require.NoError(t, os.WriteFile(in, []byte("vendor_id,vendor_name,notes\r"+
		"V-1,Contoso Paper Supplies,\"two\rlines\"\r"+
		"V-2,AO Kaspersky Lab,\r\n"+ // a CRLF among CRs is one line end
		"V-3,Northwind Traders,x\r"), 0o600))
	r = runCLI(t, nil, "", "screen", "--list", fixtures+"csl.csv", "--input", in, "--name-column", "vendor_name", "--format", "json")
	assert.Equal(t, exitMatch, r.code, r.stderr)
	objs = jsonLines(t, r.stdout)
	require.Len(t, objs, 3, "three rows, three queries")
	for i, id := range []string{"V-1", "V-2", "V-3"} {
		assert.Equal(t, id, objs[i]["input"].(map[string]any)["vendor_id"])
	}
	assert.Equal(t, "two\rlines", objs[0]["input"].(map[string]any)["notes"], "a CR in quotes is data")
	assert.Equal(t, "AO Kaspersky Lab", objs[1]["query"])
	assert.NotEmpty(t, matchesOf(t, objs[1]))
	assert.Empty(t, r.stderr)
}

// TestInterrupt stops a run with SIGINT or SIGTERM: mid-batch, with input
// still coming, and while it waits for input typed on a terminal. Every
// output line is a whole JSON object, the queries screened are the first
// ones in order, standard error says how many, and the status says how the
// run stopped.
func TestInterrupt(t *testing.T) {
	tests := []struct {
		name   string
		sig    syscall.Signal
		lines  int // lines written to stdin, which stays open
		code   int
		stderr string
	}{
		{"SIGINT mid-batch", syscall.SIGINT, 200000, 130, "interrupted (SIGINT)"},
		{"SIGTERM mid-batch", syscall.SIGTERM, 200000, 143, "terminated (SIGTERM)"},
		{"SIGINT waiting for input", syscall.SIGINT, 3, 130, "interrupted (SIGINT)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cmd := exec.Command(binary, "screen", "--list", fixtures+"csl.csv", "--format", "json", "--workers", "4")
			cmd.Env = cacheEnv(t.TempDir())
			stdin, err := cmd.StdinPipe()
			require.NoError(t, err)
			stdout, err := cmd.StdoutPipe()
			require.NoError(t, err)
			var stderr bytes.Buffer
			cmd.Stderr = &stderr
			require.NoError(t, cmd.Start())
			go func() {
				w := bufio.NewWriter(stdin)
				for i := range tt.lines {
					fmt.Fprintf(w, "Vendor Number %d Trading Ltd\n", i)
				}
				w.Flush() // and stdin stays open until the command ends
			}()

			out := bufio.NewReader(stdout)
			first, err := out.ReadString('\n')
			require.NoError(t, err)
			if tt.lines == 3 { // each line is answered at once: wait for all
				for range 2 {
					l, err := out.ReadString('\n')
					require.NoError(t, err)
					first += l
				}
			}
			require.NoError(t, cmd.Process.Signal(tt.sig))
			rest, err := io.ReadAll(out)
			require.NoError(t, err)
			err = cmd.Wait()
			stdin.Close()
			var ee *exec.ExitError
			require.ErrorAs(t, err, &ee, "stderr: %s", stderr.String())
			assert.Equal(t, tt.code, ee.ExitCode(), stderr.String())

			output := first + string(rest)
			require.True(t, strings.HasSuffix(output, "\n"), "the output ends with a whole line")
			lines := strings.Split(strings.TrimSuffix(output, "\n"), "\n")
			for i, l := range lines {
				var obj map[string]any
				require.NoError(t, json.Unmarshal([]byte(l), &obj), "line %d is whole JSON: %q", i+1, l)
				require.Equal(t, fmt.Sprintf("Vendor Number %d Trading Ltd", i), obj["query"], "line %d in input order", i+1)
			}
			if tt.lines > 3 {
				assert.Less(t, len(lines), tt.lines, "stopped mid-batch")
			} else {
				assert.Len(t, lines, 3)
			}
			assert.Contains(t, stderr.String(), fmt.Sprintf("entityscreen: %s: %s screened, the rest of the input not", tt.stderr, plural(len(lines), "query", "queries")))
			assert.NotContains(t, stderr.String(), "goroutine ")
		})
	}
}

// TestEmptyAndBlankInput: blank lines and rows are skipped and counted; an
// input with no query at all is an error.
func TestEmptyAndBlankInput(t *testing.T) {
	dir := t.TempDir()
	headerOnly := filepath.Join(dir, "header.csv")
	require.NoError(t, os.WriteFile(headerOnly, []byte("id,name\n"), 0o600))
	blankRows := filepath.Join(dir, "blank.csv")
	require.NoError(t, os.WriteFile(blankRows, []byte("id,name\n\n1,AO Kaspersky Lab\n,\n \t, \n\r\n2,Contoso Paper Supplies\n\n"), 0o600))
	list := fixtures + "csl.csv"
	tests := []struct {
		name    string
		args    []string
		stdin   string
		code    int
		queries int
		stderr  []string
	}{
		{"empty stdin", []string{"screen", "--list", list, "--format", "json"}, "", exitError, 0,
			[]string{"no queries: the input holds no name to screen"}},
		{"blank stdin", []string{"screen", "--list", list, "--format", "json"}, "\n  \n\t\r\n", exitError, 0,
			[]string{"3 blank lines skipped", "no queries"}},
		{"blank lines among names", []string{"screen", "--list", list, "--format", "json"}, "AO Kaspersky Lab\n\n   \nContoso Paper Supplies\n", exitMatch, 2,
			[]string{"2 blank lines skipped"}},
		{"CSV header only", []string{"screen", "--list", list, "--input", headerOnly, "--format", "json"}, "", exitError, 0,
			[]string{"no queries"}},
		{"CSV blank rows", []string{"screen", "--list", list, "--input", blankRows, "--format", "json"}, "", exitMatch, 2,
			[]string{"5 blank lines skipped"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := runCLI(t, nil, tt.stdin, tt.args...)
			assert.Equal(t, tt.code, r.code, "stderr: %s", r.stderr)
			assert.Len(t, jsonLines(t, r.stdout), tt.queries)
			for _, s := range tt.stderr {
				assert.Contains(t, r.stderr, s)
			}
		})
	}
}

// TestMatchesAndErrors: a run with matches and errors exits 2, and says on
// stderr that some queries matched.
func TestMatchesAndErrors(t *testing.T) {
	r := runCLI(t, nil, "", "screen", "--list", fixtures+"csl.csv", "AO Kaspersky Lab", "!!!", "Contoso Paper Supplies")
	assert.Equal(t, exitError, r.code)
	assert.Contains(t, r.stderr, "1 query of 3 could not be screened")
	assert.Contains(t, r.stderr, "1 query of 3 matched at or above the threshold: see the output")

	r = runCLI(t, nil, "", "screen", "--list", fixtures+"csl.csv", "Contoso Paper Supplies", "!!!")
	assert.Equal(t, exitError, r.code)
	assert.NotContains(t, r.stderr, "matched", "no match, nothing to say")

	for _, args := range [][]string{{"help", "screen"}, {"screen", "--help"}} {
		r = runCLI(t, nil, "", args...)
		assert.Equal(t, exitClear, r.code)
		usage := r.stdout + r.stderr
		for _, s := range []string{"Exit status:", "Errors take precedence over matches", "how\n       many queries matched as well", "no query at all", "130  stopped by SIGINT (143: by SIGTERM)", "lone CR", "64 KiB", "1 MiB"} {
			assert.Contains(t, usage, s, "%v", args)
		}
	}
	r = runCLI(t, nil, "", "help")
	assert.Contains(t, r.stdout, "130 or 143 stopped by SIGINT or SIGTERM")
}

// TestCSVFormulas: no cell of the CSV output starts a formula, whether it
// comes from the list, the query or a column of the input.
func TestCSVFormulas(t *testing.T) {
	dir := t.TempDir()
	list := filepath.Join(dir, "list.csv")
	require.NoError(t, os.WriteFile(list, []byte("name,aliases,country,id,notes\n"+
		`"=HYPERLINK(""http://evil.example"",""Hostile Trading"")",Hostile Formula Trading,RU,@SUM(1),x`+"\n"), 0o600))
	in := filepath.Join(dir, "in.csv")
	require.NoError(t, os.WriteFile(in, []byte("+1,name,@SUM(1)\n-2,Hostile Formula Trading,=1+2\n\"\tx\",+44 Hostile Formula Trading,\"\rcmd\"\n"), 0o600))

	check := func(t *testing.T, out string, want ...string) {
		t.Helper()
		rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
		require.NoError(t, err)
		var cells []string
		for _, row := range rows {
			for _, c := range row {
				if c != "" {
					assert.NotContains(t, "=+-@\t\r", c[:1], "cell %q starts a formula", c)
				}
				cells = append(cells, c)
			}
		}
		for _, w := range want {
			assert.Contains(t, cells, w)
		}
	}
	r := runCLI(t, nil, "", "screen", "--list", list, "--format", "csv", "--", "- Hostile Formula Trading", "=Hostile Formula Trading")
	assert.Equal(t, exitMatch, r.code, r.stderr)
	check(t, r.stdout, `'=HYPERLINK("http://evil.example","Hostile Trading")`, "'@SUM(1)", "'- Hostile Formula Trading", "'=Hostile Formula Trading")

	r = runCLI(t, nil, "", "screen", "--list", list, "--format", "csv", "--input", in)
	assert.Equal(t, exitMatch, r.code, r.stderr)
	check(t, r.stdout, "'+1", "'@SUM(1)", "'-2", "'=1+2", "'\tx", "'+44 Hostile Formula Trading", "'\rcmd",
		`'=HYPERLINK("http://evil.example","Hostile Trading")`)
}

// TestControlCharactersEscaped: control characters and bidirectional
// overrides from the list or the query reach the terminal escaped, in the
// text output of screen and in explain.
func TestControlCharactersEscaped(t *testing.T) {
	list := filepath.Join(t.TempDir(), "list.csv")
	require.NoError(t, os.WriteFile(list, []byte("name,aliases,country,id,notes\n"+
		"Red\x1b[31m Lantern\u202e Trading\x07,Red Lantern Trading,CN,IH\x1b]0;x\x07-1,x\n"+
		"Blue Lotus Trading\u2066,,CN,IH-2,y\n"), 0o600))
	raw := []string{"\x1b", "\x07", "\u202e", "\u2066", "\x9b"}
	tests := []struct {
		name string
		args []string
		want []string
	}{
		{"screen text", []string{"screen", "--list", list, "Red Lantern Trading", "Blue Lotus Trading", "Red\x1b[2J Lantern \u009b Trading"},
			[]string{`Red\x1b[31m Lantern\u202e Trading\x07`, `IH\x1b]0;x\x07-1`, `Blue Lotus Trading\u2066`, `"Red\x1b[2J Lantern \u009b Trading"`}},
		{"explain", []string{"explain", "--list", list, "Red Lantern Trading", "Blue Lotus Trading\u2066"},
			[]string{`entry:    Red\x1b[31m Lantern\u202e Trading\x07`, `id IH\x1b]0;x\x07-1`, `Query: "Blue Lotus Trading\u2066"`, `candidate: "Blue Lotus Trading\u2066"`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := runCLI(t, nil, "", tt.args...)
			assert.Equal(t, exitMatch, r.code, r.stderr)
			for _, c := range raw {
				assert.NotContains(t, r.stdout, c)
			}
			for _, w := range tt.want {
				assert.Contains(t, r.stdout, w)
			}
		})
	}
}

// TestOversizedCSVInput: a field or a row of --input past the limits is an
// error naming its line, echoed cut rather than whole, and the rows after it
// are screened.
func TestOversizedCSVInput(t *testing.T) {
	in := filepath.Join(t.TempDir(), "big.csv")
	var b strings.Builder
	b.WriteString("id,name,notes\n")
	fmt.Fprintf(&b, "1,\"%s\",x\n", strings.Repeat("Huge Name\n", 100000)) // 1 MB over 100000 lines
	b.WriteString("2,AO Kaspersky Lab,ok\n")
	fmt.Fprintf(&b, "3,Acme,%s\n", strings.Repeat("n,", 1<<20)) // 2 MB of short fields
	b.WriteString("4,Contoso Paper Supplies,ok\n")
	require.NoError(t, os.WriteFile(in, []byte(b.String()), 0o600))

	r := runCLI(t, nil, "", "screen", "--list", fixtures+"csl.csv", "--input", in, "--format", "json")
	assert.Equal(t, exitError, r.code)
	assert.Less(t, len(r.stdout), 200<<10, "the oversized field and row are not echoed whole")
	objs := jsonLines(t, r.stdout)
	require.Len(t, objs, 4)
	assert.Equal(t, `line 2, column "name": longer than 65536 bytes: name too long`, objs[0]["error"])
	assert.Equal(t, "AO Kaspersky Lab", objs[1]["query"])
	assert.NotEmpty(t, matchesOf(t, objs[1]), "the row after an oversized one is screened")
	assert.Equal(t, "line 100004: the row is longer than 1048576 bytes: name too long", objs[2]["error"],
		"the line of the input, past the line ends dropped from the cut field")
	assert.Equal(t, "Contoso Paper Supplies", objs[3]["query"])
	assert.Contains(t, r.stderr, "2 queries of 4 could not be screened; the first: line 2")
}
