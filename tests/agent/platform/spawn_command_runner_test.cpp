#include "agent/platform/linux/spawn_command_runner.h"

#include <gtest/gtest.h>

#include <chrono>

namespace steward::agent {
namespace {

using std::chrono::milliseconds;

TEST(SpawnCommandRunnerTest, CapturesStdoutAndExitStatus) {
  SpawnCommandRunner runner;
  auto out = runner.run({"/bin/echo", "hello", "world"}, {});
  ASSERT_TRUE(out) << out.error().message;
  EXPECT_EQ(out->output, "hello world\n");
  EXPECT_EQ(out->exit_code, 0);
  // A failing program is an answer, not an error: smartctl reports through its status.
  auto failed = runner.run({"/bin/sh", "-c", "echo partial; exit 3"}, {});
  ASSERT_TRUE(failed);
  EXPECT_EQ(failed->output, "partial\n");
  EXPECT_EQ(failed->exit_code, 3);
}

TEST(SpawnCommandRunnerTest, NoShellNoInheritedEnvironmentNoStdin) {
  SpawnCommandRunner runner;
  // Arguments reach the program verbatim: nothing is expanded.
  auto literal = runner.run({"/bin/echo", "$HOME;", "`id`", "*"}, {});
  ASSERT_TRUE(literal);
  EXPECT_EQ(literal->output, "$HOME; `id` *\n");
  auto env = runner.run({"/usr/bin/env"}, {});
  ASSERT_TRUE(env);
  EXPECT_NE(env->output.find("LC_ALL=C\n"), std::string::npos);
  EXPECT_EQ(env->output.find("HOME="), std::string::npos) << env->output;
  // stdin is /dev/null: cat ends at once instead of waiting for the agent's input.
  auto cat = runner.run({"/bin/cat"}, {milliseconds(2000), 1024});
  ASSERT_TRUE(cat) << cat.error().message;
  EXPECT_EQ(cat->output, "");
}

TEST(SpawnCommandRunnerTest, StderrIsDiscarded) {
  SpawnCommandRunner runner;
  auto out = runner.run({"/bin/sh", "-c", "echo noise >&2; echo data"}, {});
  ASSERT_TRUE(out);
  EXPECT_EQ(out->output, "data\n");
}

TEST(SpawnCommandRunnerTest, KillsAProgramThatOverrunsItsDeadline) {
  SpawnCommandRunner runner;
  const auto start = std::chrono::steady_clock::now();
  auto out = runner.run({"/bin/sleep", "30"}, {milliseconds(200), 1024});
  const auto took = std::chrono::steady_clock::now() - start;
  ASSERT_FALSE(out);
  EXPECT_EQ(out.error().code, "timeout");
  EXPECT_LT(took, std::chrono::seconds(5));
  // A program that closes stdout but keeps running is killed too.
  out = runner.run({"/bin/sh", "-c", "exec >&-; sleep 30"}, {milliseconds(200), 1024});
  ASSERT_FALSE(out);
  EXPECT_EQ(out.error().code, "timeout");
}

TEST(SpawnCommandRunnerTest, KillsAProgramThatWritesTooMuch) {
  SpawnCommandRunner runner;
  auto out = runner.run({"/usr/bin/yes"}, {milliseconds(5000), 64 * 1024});
  ASSERT_FALSE(out);
  EXPECT_EQ(out.error().code, "output_too_large");
}

TEST(SpawnCommandRunnerTest, MissingOrRelativeProgramIsNotFound) {
  SpawnCommandRunner runner;
  auto out = runner.run({"/nonexistent/systemctl"}, {});
  ASSERT_FALSE(out);
  EXPECT_EQ(out.error().code, "not_found");
  EXPECT_FALSE(runner.run({"echo", "x"}, {}));  // no PATH search
  EXPECT_FALSE(runner.run({}, {}));
  EXPECT_FALSE(runner.executable("/etc/passwd"));
  EXPECT_TRUE(runner.executable("/bin/sh"));
}

TEST(SpawnCommandRunnerTest, ProgramKilledBySignalIsAnError) {
  SpawnCommandRunner runner;
  auto out = runner.run({"/bin/sh", "-c", "kill -9 $$"}, {});
  ASSERT_FALSE(out);
  EXPECT_EQ(out.error().code, "killed");
}

}  // namespace
}  // namespace steward::agent
