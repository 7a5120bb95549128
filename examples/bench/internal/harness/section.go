package harness

import (
	"bytes"
	"fmt"
	"os"
)

// UpdateFile writes the report into the Markdown file at path between the
// markers of its size, replacing an earlier report of the same size and
// keeping everything else (the prose around the tables). A new size goes
// after the last report in the file, or at its end when it has none; a
// missing file is created.
func (rep *Report) UpdateFile(path string) error {
	var body bytes.Buffer
	if err := rep.WriteMarkdown(&body); err != nil {
		return err
	}
	begin := fmt.Sprintf("<!-- bench:begin size=%d -->\n", rep.Size)
	end := fmt.Sprintf("<!-- bench:end size=%d -->\n", rep.Size)
	section := append(append([]byte(begin), body.Bytes()...), end...)

	old, err := os.ReadFile(path)
	if err != nil && !os.IsNotExist(err) {
		return err
	}
	var out []byte
	i, j := bytes.Index(old, []byte(begin)), bytes.Index(old, []byte(end))
	last := bytes.LastIndex(old, []byte("<!-- bench:end size="))
	switch {
	case i >= 0 && j > i:
		out = append(append(append([]byte{}, old[:i]...), section...), old[j+len(end):]...)
	case last >= 0:
		// A new size goes after the last report, before the prose that
		// follows the reports.
		k := last + bytes.IndexByte(old[last:], '\n') + 1
		if k <= last {
			k = len(old)
		}
		out = append(append(append(append([]byte{}, old[:k]...), '\n'), section...), old[k:]...)
	case len(old) > 0:
		out = append(append(bytes.TrimRight(old, "\n"), '\n', '\n'), section...)
	default:
		out = section
	}
	return os.WriteFile(path, out, 0o644)
}
