package screening

import (
	"context"
	"iter"
	"runtime"
	"slices"
	"sync"
)

// window is how many queries per worker ScreenSeq holds at once, read
// ahead or screened and waiting for the ones before them: enough to keep
// the workers busy while one query takes longer than the others, few
// enough that memory stays flat however long the input is.
const window = 4

// ScreenAll screens qs and returns one Result per query, in input order,
// on the goroutines WithWorkers sets (every CPU by default). opts apply to
// this call only, on top of the Screener's. When ctx is done, the queries
// not yet screened get its error; an invalid option is every query's
// error.
func (s *Screener) ScreenAll(ctx context.Context, qs []Query, opts ...Option) []Result {
	out := make([]Result, 0, len(qs))
	for r := range s.ScreenSeq(ctx, slices.Values(qs), opts...) {
		out = append(out, r)
	}
	return out
}

// ScreenSeq screens the queries of qs as they come and yields one Result
// per query, in input order, each as soon as it and those before it are
// done: a stream for a batch of any length or for queries typed one by
// one. It screens on the goroutines WithWorkers sets (every CPU by
// default) and reads at most a few queries per worker ahead, so memory
// stays flat. opts apply to these queries only, on top of the Screener's.
//
// When ctx is done, the queries not yet screened get its error, one Result
// each, as long as qs yields them. An invalid option is every query's
// error. qs is ranged over on another goroutine than the caller's; when the
// caller stops early, ScreenSeq stops ranging over qs and returns once its
// goroutines are done.
func (s *Screener) ScreenSeq(ctx context.Context, qs iter.Seq[Query], opts ...Option) iter.Seq[Result] {
	return func(yield func(Result) bool) {
		if s.ix == nil {
			for q := range qs {
				if !yield(Result{Query: q, Err: ErrNoScreener}) {
					return
				}
			}
			return
		}
		o, err := s.callOptions(opts)
		if err != nil {
			for q := range qs {
				if !yield(Result{Query: q, Err: err}) {
					return
				}
			}
			return
		}
		workers := o.workers
		if workers == 0 {
			workers = runtime.GOMAXPROCS(0)
		}
		s.stream(ctx, qs, &o, workers, yield)
	}
}

// job is one query of a stream, with where its result goes.
type job struct {
	q   Query
	out chan Result // buffered: a worker never waits on it
}

// stream screens the queries of qs on workers goroutines, yielding their
// results in order. A reader goroutine ranges over qs, handing each query
// to the workers and its result channel to the caller's loop in input
// order; the pending channel's capacity bounds the queries in flight.
func (s *Screener) stream(ctx context.Context, qs iter.Seq[Query], o *options, workers int, yield func(Result) bool) {
	stop := make(chan struct{}) // closed when the caller stops early
	jobs := make(chan job)
	pending := make(chan chan Result, workers*window)
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for j := range jobs {
				j.out <- s.screen(ctx, j.q, o)
			}
		})
	}
	wg.Go(func() {
		defer close(pending)
		defer close(jobs)
		for q := range qs {
			out := make(chan Result, 1)
			select {
			case pending <- out:
			case <-stop:
				return
			}
			select {
			case jobs <- job{q, out}:
			case <-stop:
				return
			}
		}
	})
	defer wg.Wait()
	for out := range pending {
		if !yield(<-out) {
			close(stop)
			// Drain, so that no worker or the reader waits on the caller.
			for range pending {
			}
			return
		}
	}
}
