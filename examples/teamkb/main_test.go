package main

import (
	"bufio"
	"context"
	"io"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"
)

// run records the demo team, prints where the page is and serves it there
// until its context ends.
func TestRunServesThePageAtTheAddressItPrints(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	pr, pw := io.Pipe()
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, pw, config{addr: "127.0.0.1:0", dir: t.TempDir(), as: "manager"})
		pw.Close()
	}()
	line, err := bufio.NewReader(pr).ReadString('\n')
	if err != nil {
		t.Fatalf("run printed nothing: %v (run: %v)", err, <-done)
	}
	go io.Copy(io.Discard, pr)
	addr := regexp.MustCompile(`http://127\.0\.0\.1:\d+/lessons/`).FindString(line)
	if addr == "" {
		t.Fatalf("no address in %q", line)
	}
	res, err := (&http.Client{Timeout: 30 * time.Second}).Get(addr + "?q=%E9%A2%84%E7%AE%97")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != 200 || !strings.Contains(string(b), "<mark>预算</mark>") || !strings.Contains(string(b), `href="/engagements/`) {
		t.Errorf("%d %s", res.StatusCode, b)
	}
	cancel()
	if err := <-done; err != nil {
		t.Errorf("run after its context ended: %v", err)
	}
}

func TestRunRefusesAnUnknownMember(t *testing.T) {
	err := run(context.Background(), io.Discard, config{addr: "127.0.0.1:0", dir: t.TempDir(), as: "ceo"})
	if err == nil || !strings.Contains(err.Error(), "manager, zhang or li") {
		t.Errorf("run -as ceo: %v", err)
	}
}
