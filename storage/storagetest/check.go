package storagetest

import (
	"encoding/json"
	"errors"
	"testing"
)

// wantErr fails the test unless err wraps target.
func wantErr(t testing.TB, err, target error, what string) {
	t.Helper()
	if !errors.Is(err, target) {
		t.Fatalf("%s: got error %v, want one wrapping %v", what, err, target)
	}
}

// noErr fails the test on err.
func noErr(t testing.TB, err error, what string) {
	t.Helper()
	if err != nil {
		t.Fatalf("%s: %v", what, err)
	}
}

// sameJSON fails the test unless got and want encode to the same JSON.
func sameJSON(t testing.TB, got, want any, what string) {
	t.Helper()
	g, err := json.Marshal(got)
	noErr(t, err, "encoding got")
	w, err := json.Marshal(want)
	noErr(t, err, "encoding want")
	if string(g) != string(w) {
		t.Fatalf("%s differs:\n got: %s\nwant: %s", what, g, w)
	}
}
