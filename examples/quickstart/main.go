// Command quickstart runs dealtrail's main job on the embedded default: a
// SQLite file and a local knowledge-base index under one directory.
//
//	go run ./examples/quickstart            # uses ./dealtrail-data
//	go run ./examples/quickstart -dir /tmp/dt -reset
//
// It creates a team, customers and engagements from the record template's
// own examples, logs contacts (one of them late), shows a vague action being
// refused, lists overdue actions and findings, tells the history in words,
// then syncs the knowledge base and searches it in Chinese and in English,
// writes the team's register (团队台账.xlsx, docs/template.md "The
// workbook") into the data directory, saying where, and ends with the team
// review (周复盘) of the demo team, every line in Chinese with the English
// beside it.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/dealtrail/dealtrail/examples/internal/demo"
)

func main() {
	dir := flag.String("dir", "dealtrail-data", "directory for the SQLite file and the knowledge-base index")
	reset := flag.Bool("reset", false, "remove the directory's dealtrail data first and start over")
	flag.Parse()

	if err := run(context.Background(), os.Stdout, *dir, *reset); err != nil {
		fmt.Fprintln(os.Stderr, "quickstart:", err)
		os.Exit(1)
	}
}

// run is the whole quickstart; main only parses flags. Tests call it directly.
func run(ctx context.Context, w io.Writer, dir string, reset bool) error {
	return demo.Run(ctx, w, dir, reset, demo.SQLite(dir, reset))
}
