package demo

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestStateSurvivesARunAndAskForResetWhenDamaged(t *testing.T) {
	dir := t.TempDir()
	if _, found, err := loadState(dir); found || err != nil {
		t.Fatalf("a fresh directory: found %v, %v; want nothing found and no error", found, err)
	}
	want := state{TeamID: "t1", ManagerID: "m1", ZhangID: "z1", LiID: "l1", Manufacturing: "e1", Retail: "e2", Logistics: "e3"}
	if err := want.save(dir); err != nil {
		t.Fatal(err)
	}
	got, found, err := loadState(dir)
	if err != nil || !found || got != want {
		t.Fatalf("after save: %+v, found %v, %v; want %+v", got, found, err, want)
	}
	if err := os.WriteFile(filepath.Join(dir, StateFile), []byte("{"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, _, err := loadState(dir); err == nil || !strings.Contains(err.Error(), "-reset") {
		t.Errorf("a damaged state file: %v, want an error that says to run with -reset", err)
	}
}
