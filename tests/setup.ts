import fc from 'fast-check';

// Property tests run from a fixed seed so that CI is repeatable; FAST_CHECK_SEED explores others
// (fast-check prints the seed and path of any failure, so it can be replayed).
fc.configureGlobal({ seed: Number(process.env.FAST_CHECK_SEED) || 20261123 });
