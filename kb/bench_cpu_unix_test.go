//go:build unix

package kb

import (
	"syscall"
	"time"
)

// cpuTime is the CPU time (user + system) this process has used so far.
// The benchmarks report throughput per CPU second beside wall-clock
// figures, which a busy machine distorts.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
