//go:build linux

package kb

// willNeedIsReal says that willNeed asks the kernel.
const willNeedIsReal = true
