package harness

import (
	"bufio"
	"os"
	"runtime"
	"runtime/debug"
	"strings"
	"time"
)

// Env labels absolute figures with where and when they were measured.
type Env struct {
	Date      time.Time
	GoVersion string
	OS, Arch  string
	CPUs      int
	CPUModel  string
	// Versions of the building blocks, e.g. "SQLite 3.50.4", "Bleve v2.6.3".
	Versions []string
}

// currentEnv describes this machine and build.
func currentEnv() Env {
	e := Env{
		Date:      time.Now().UTC().Truncate(time.Second),
		GoVersion: runtime.Version(),
		OS:        runtime.GOOS,
		Arch:      runtime.GOARCH,
		CPUs:      runtime.NumCPU(),
		CPUModel:  cpuModel(),
	}
	if bi, ok := debug.ReadBuildInfo(); ok {
		for _, d := range bi.Deps {
			switch d.Path {
			case "github.com/blevesearch/bleve/v2":
				e.Versions = append(e.Versions, "Bleve "+d.Version)
			case "modernc.org/sqlite":
				e.Versions = append(e.Versions, "modernc.org/sqlite "+d.Version)
			case "github.com/lib/pq":
				e.Versions = append(e.Versions, "lib/pq "+d.Version)
			}
		}
	}
	return e
}

// cpuModel reads the CPU model name on Linux; "" elsewhere.
func cpuModel() string {
	f, err := os.Open("/proc/cpuinfo")
	if err != nil {
		return ""
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if k, v, ok := strings.Cut(sc.Text(), ":"); ok && strings.TrimSpace(k) == "model name" {
			return strings.TrimSpace(v)
		}
	}
	return ""
}
