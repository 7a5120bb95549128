// Command teamkb serves the team's lessons page (package kb/lessonpage)
// over the quickstart's demo records, as a host would mount it:
//
//	go run ./examples/teamkb                  # http://127.0.0.1:8080/lessons/
//	go run ./examples/teamkb -addr 127.0.0.1:9090 -as li
//
// It records the demo team into -dir the first time (the same directory and
// records as go run ./examples/quickstart, so either may run first), keeps
// the knowledge base following the store, and prints the page's address.
// The host's authentication is played by -as: every request acts for the
// manager 周经理, or for the rep 张伟 or 李娜, who see customer names only
// for the pursuits they take part in. Each hit links to /engagements/{id},
// the host's own record page, here a plain-text summary read as that member.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/signal"

	"github.com/dealtrail/dealtrail/examples/internal/demo"
	"github.com/dealtrail/dealtrail/kb/lessonpage"
)

// config is what the flags set.
type config struct {
	addr, dir string
	reset     bool
	as        string
	pageSize  int
}

func main() {
	var c config
	flag.StringVar(&c.addr, "addr", "127.0.0.1:8080", "address to serve the page on")
	flag.StringVar(&c.dir, "dir", "dealtrail-data", "directory for the SQLite file and the knowledge-base index (the quickstart's)")
	flag.BoolVar(&c.reset, "reset", false, "remove the directory's dealtrail data first and record the demo team again")
	flag.StringVar(&c.as, "as", "manager", "who the page acts for: manager (周经理), zhang (张伟) or li (李娜)")
	flag.IntVar(&c.pageSize, "page-size", 0, "hits per page (0: the page's default)")
	flag.Parse()

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if err := run(ctx, os.Stdout, c); err != nil {
		fmt.Fprintln(os.Stderr, "teamkb:", err)
		os.Exit(1)
	}
}

// run opens (recording when new) the demo team, serves the page on
// c.addr until ctx ends, and prints the page's address to w once it
// listens.
func run(ctx context.Context, w io.Writer, c config) error {
	team, err := demo.Open(ctx, io.Discard, c.dir, c.reset, demo.SQLite(c.dir, c.reset))
	if err != nil {
		return err
	}
	defer team.Close()
	h, err := newHandler(team, c)
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", c.addr)
	if err != nil {
		return err
	}

	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	followed := make(chan error, 1)
	go func() { followed <- team.Index.Follow(ctx) }()

	fmt.Fprintf(w, "团队经验库 team lessons: http://%s%s (acting as %s; Ctrl-C stops)\n", ln.Addr(), pagePrefix, c.as)
	err = demo.Serve(ctx, ln, h)
	cancel()
	if ferr := <-followed; ferr != nil && !errors.Is(ferr, context.Canceled) {
		return ferr
	}
	return err
}

// Where the host mounts the page and its own record page.
const (
	pagePrefix = "/lessons/"
	recordURL  = "/engagements/{id}"
)

// newHandler is the host: the lessons page under /lessons/, its own record
// page, and / sending people to the page.
func newHandler(team *demo.Team, c config) (http.Handler, error) {
	members := map[string]string{"manager": team.ManagerID, "zhang": team.ZhangID, "li": team.LiID}
	actor, ok := members[c.as]
	if !ok {
		return nil, fmt.Errorf("-as %q: choose manager, zhang or li", c.as)
	}
	page, err := lessonpage.New(lessonpage.Options{
		Index: team.Index,
		// A real host reads its session here; the demo acts for one member.
		Actor:     func(*http.Request) (string, error) { return actor, nil },
		Prefix:    pagePrefix,
		RecordURL: recordURL,
		PageSize:  c.pageSize,
	})
	if err != nil {
		return nil, err
	}
	mux := http.NewServeMux()
	mux.Handle(pagePrefix, page)
	mux.Handle("GET /engagements/{id}", recordPage(team.Store, actor))
	mux.Handle("GET /{$}", http.RedirectHandler(pagePrefix, http.StatusFound))
	return mux, nil
}
