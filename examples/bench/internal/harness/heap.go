package harness

import (
	"runtime/metrics"
	"time"
)

// heapSampler records the peak of the Go heap in use (objects plus the
// unused part of in-use spans, i.e. MemStats.HeapInuse) while an operation
// runs, reading runtime/metrics every few milliseconds, which does not stop
// the world.
type heapSampler struct {
	stop chan struct{}
	done chan uint64
}

func startHeapSampler(every time.Duration) *heapSampler {
	s := &heapSampler{stop: make(chan struct{}), done: make(chan uint64, 1)}
	go func() {
		samples := []metrics.Sample{
			{Name: "/memory/classes/heap/objects:bytes"},
			{Name: "/memory/classes/heap/unused:bytes"},
		}
		var peak uint64
		read := func() {
			metrics.Read(samples)
			var v uint64
			for _, x := range samples {
				if x.Value.Kind() == metrics.KindUint64 {
					v += x.Value.Uint64()
				}
			}
			peak = max(peak, v)
		}
		t := time.NewTicker(every)
		defer t.Stop()
		read()
		for {
			select {
			case <-t.C:
				read()
			case <-s.stop:
				read()
				s.done <- peak
				return
			}
		}
	}()
	return s
}

// Stop ends sampling and returns the peak seen.
func (s *heapSampler) Stop() uint64 {
	close(s.stop)
	return <-s.done
}
