//go:build linux

package kb

import (
	"os"

	"golang.org/x/sys/unix"
)

// willNeed opens path and advises the kernel that the whole file will be
// read soon.
func willNeed(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	return unix.Fadvise(int(f.Fd()), 0, 0, unix.FADV_WILLNEED)
}
