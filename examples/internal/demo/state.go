package demo

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// state is what a run remembers in its directory (StateFile), so a second
// run without -reset reads the same records instead of adding them again.
type state struct {
	TeamID        string `json:"team_id"`
	ManagerID     string `json:"manager_id"`
	ZhangID       string `json:"zhang_id"`
	LiID          string `json:"li_id"`
	Manufacturing string `json:"manufacturing"`
	Retail        string `json:"retail"`
	Logistics     string `json:"logistics"`
}

// loadState reads the state an earlier run saved in dir; found is false
// when there is none (a fresh directory).
func loadState(dir string) (st state, found bool, err error) {
	b, err := os.ReadFile(filepath.Join(dir, StateFile))
	if errors.Is(err, fs.ErrNotExist) {
		return state{}, false, nil
	}
	if err != nil {
		return state{}, false, err
	}
	if err := json.Unmarshal(b, &st); err != nil {
		return state{}, false, fmt.Errorf("%s is damaged (%v): run with -reset", StateFile, err)
	}
	return st, true, nil
}

// save writes st to dir for the next run.
func (st state) save(dir string) error {
	b, err := json.MarshalIndent(st, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(dir, StateFile), b, 0o644)
}
