//go:build !linux

package kb

// willNeedIsReal says that willNeed does nothing here.
const willNeedIsReal = false
