package harness

import "fmt"

var sprintf = fmt.Sprintf

// pair times one dealtrail call and the equivalent bare call, alternating
// which runs first so that neither always finds the caches the other left.
func pair(i int, dt, bare func() error, tdt, tbare *Timings) error {
	first, second := dt, bare
	t1, t2 := tdt, tbare
	if i%2 == 1 {
		first, second, t1, t2 = bare, dt, tbare, tdt
	}
	d, err := timed(first)
	if err != nil {
		return err
	}
	t1.Add(d)
	d, err = timed(second)
	if err != nil {
		return err
	}
	t2.Add(d)
	return nil
}

// warmups is how many untimed rounds run before an operation is timed.
func warmups(samples int) int { return min(20, max(1, samples/10)) }
