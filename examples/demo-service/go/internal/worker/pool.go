package worker

import (
	"context"
	"sync"
)

// Job is one unit of background work (sending a receipt, syncing an order).
type Job func(ctx context.Context) error

// Pool runs jobs on a fixed number of goroutines and counts failures.
type Pool struct {
	jobs     chan Job
	wg       sync.WaitGroup
	mu       sync.Mutex
	failures int
}

func NewPool(workers, queue int) *Pool {
	return &Pool{jobs: make(chan Job, queue)}
}

func (p *Pool) Start(ctx context.Context, workers int) {
	for i := 0; i < workers; i++ {
		p.wg.Add(1)
		go func() {
			defer p.wg.Done()
			for job := range p.jobs {
				if err := job(ctx); err != nil {
					p.mu.Lock()
					p.failures++
					p.mu.Unlock()
				}
			}
		}()
	}
}

// Submit queues a job; it blocks when the queue is full.
func (p *Pool) Submit(job Job) { p.jobs <- job }

// Close stops accepting jobs and waits for the running ones.
func (p *Pool) Close() int {
	close(p.jobs)
	p.wg.Wait()
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.failures
}
