package harness

import "errors"

// joinErr adds a cleanup error to err.
func joinErr(err, cleanup error) error {
	if cleanup == nil {
		return err
	}
	return errors.Join(err, cleanup)
}
