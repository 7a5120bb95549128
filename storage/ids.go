package storage

import (
	"crypto/rand"
	"encoding/hex"
	"time"
)

// newID returns a random identifier: 16 bytes, hex encoded.
func newID() string {
	var b [16]byte
	// crypto/rand.Read never returns an error (it panics on an exhausted
	// entropy source, which Go treats as fatal), so there is nothing to handle.
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

// micros is how instants are stored in columns: UTC unix microseconds, so
// ordering and range filters compare integers on both databases.
func micros(t time.Time) int64 { return t.UnixMicro() }
