// Native benchmarks (Google Benchmark): one evaluation per situation kind in tests/bench/kinds.json,
// JSON text in and plan text out as the widget does it, and loading each rule file.
//
//   build-test/tests/bench/koshin_bench [--benchmark_min_time=0.2]
//
// Prints the figures, then checks them against budgets set about ten times above what this
// machine measures: it fails only when something became much slower (a rule file parsed at every
// evaluation, say), never on ordinary noise.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "koshin/evaluate.hpp"
#include "test_support.hpp"

namespace {

using koshin::Diagnostics;
using koshin::Engine;
using koshin::Json;
namespace testing = koshin::testing;

constexpr double kEvaluationBudgetUs = 1000;  // measured about 60-110 µs per evaluation
constexpr double kLoadBudgetUs = 20000;       // measured about 0.3-2 ms per rule file

std::string rules_file(const std::string& name) { return testing::read_text(KOSHIN_SOURCE_DIR "/rules/" + name); }

void evaluate_kind(benchmark::State& state, const std::string& situation) {
  const Engine& engine = testing::shipped_engine();
  std::size_t bytes = 0;
  for (auto _ : state) {
    std::string plan = engine.evaluate_to_json(situation);
    bytes = plan.size();
    benchmark::DoNotOptimize(plan);
  }
  state.counters["plan_bytes"] = static_cast<double>(bytes);
}

void load_national(benchmark::State& state) {
  const std::string text = rules_file("national.json");
  for (auto _ : state) {
    Engine engine;
    Diagnostics diag;
    if (!engine.load_national(text, diag)) state.SkipWithError("national.json does not load");
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * text.size()));
}

void load_municipality(benchmark::State& state, const std::string& text) {
  Engine engine;
  Diagnostics national_diag;
  engine.load_national(rules_file("national.json"), national_diag);
  for (auto _ : state) {
    Diagnostics diag;
    if (!engine.load_municipality(text, diag)) state.SkipWithError("the municipality does not load");
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * text.size()));
}

// Console output as usual, and every run's time per iteration remembered for the budgets.
class BudgetReporter : public benchmark::ConsoleReporter {
 public:
  void ReportRuns(const std::vector<Run>& runs) override {
    ConsoleReporter::ReportRuns(runs);
    for (const auto& r : runs) {
      if (!r.error_occurred) times_us_[r.benchmark_name()] = r.GetAdjustedRealTime() * to_us(r.time_unit);
      if (r.error_occurred) failed_ = true;
    }
  }
  // Returns the number of figures over budget, printing each.
  int check() const {
    int over = 0;
    for (const auto& [name, us] : times_us_) {
      const double budget = name.rfind("load/", 0) == 0 ? kLoadBudgetUs : kEvaluationBudgetUs;
      if (us > budget) {
        std::fprintf(stderr, "over budget: %s took %.1f us (budget %.0f us)\n", name.c_str(), us, budget);
        ++over;
      }
    }
    if (times_us_.empty() || failed_) {
      std::fprintf(stderr, "a benchmark did not run\n");
      ++over;
    }
    return over;
  }

 private:
  static double to_us(benchmark::TimeUnit unit) {
    switch (unit) {
      case benchmark::kNanosecond:
        return 1e-3;
      case benchmark::kMicrosecond:
        return 1;
      case benchmark::kMillisecond:
        return 1e3;
      default:
        return 1e6;
    }
  }
  std::map<std::string, double> times_us_;
  bool failed_ = false;
};

}  // namespace

int main(int argc, char** argv) {
  const Json kinds = Json::parse(testing::read_text(KOSHIN_SOURCE_DIR "/tests/bench/kinds.json"));
  for (const auto& kind : kinds["kinds"].items()) {
    benchmark::RegisterBenchmark(("evaluate/" + kind.key()).c_str(), evaluate_kind, kind.value().dump())
        ->Unit(benchmark::kMicrosecond);
  }
  benchmark::RegisterBenchmark("load/national", load_national)->Unit(benchmark::kMicrosecond);
  std::vector<std::filesystem::path> files;
  for (const auto& f : std::filesystem::directory_iterator(KOSHIN_SOURCE_DIR "/rules/municipalities")) {
    if (f.path().extension() == ".json") files.push_back(f.path());
  }
  std::sort(files.begin(), files.end());
  for (const auto& f : files) {
    benchmark::RegisterBenchmark(("load/" + f.stem().string()).c_str(), load_municipality, testing::read_text(f))
        ->Unit(benchmark::kMicrosecond);
  }
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  BudgetReporter reporter;
  benchmark::RunSpecifiedBenchmarks(&reporter);
  benchmark::Shutdown();
  return reporter.check() == 0 ? 0 : 1;
}
