#include "crash_report.h"

#include <execinfo.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

enum { MAX_FRAMES = 64 };

static const int crash_signals[] = {SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGTRAP, SIGQUIT};

static const char *signal_name(int sig) {
    switch (sig) {
    case SIGSEGV: return "SIGSEGV (bad memory access)";
    case SIGBUS: return "SIGBUS (bad memory access)";
    case SIGILL: return "SIGILL (a failed check or an illegal instruction)";
    case SIGFPE: return "SIGFPE (arithmetic error)";
    case SIGABRT: return "SIGABRT (aborted)";
    case SIGTRAP: return "SIGTRAP (a failed check)";
    case SIGQUIT: return "SIGQUIT (Ctrl-\\ or kill -QUIT)";
    default: return "a signal";
    }
}

static void say(const char *text) {
    ssize_t ignored = write(STDERR_FILENO, text, strlen(text));
    (void)ignored;
}

/// Only async-signal-safe calls: write, backtrace (its library was loaded at install), raise.
static void report(int sig) {
    say("\npipeboard crashed: ");
    say(signal_name(sig));
    say("\nFrames of the crashed thread (image(+offset) [address]; `addr2line -f -e IMAGE OFFSET` names them):\n");
    void *frames[MAX_FRAMES];
    int count = backtrace(frames, MAX_FRAMES);
    backtrace_symbols_fd(frames, count, STDERR_FILENO);
    // SA_RESETHAND put the default action back; it ends the process once this handler returns.
    raise(sig);
}

void pb_crash_report_install(void) {
    // The first backtrace() loads the unwinder, which is not safe inside a signal handler: do it now.
    void *warm_up[1];
    backtrace(warm_up, 1);
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = report;
    sigemptyset(&action.sa_mask);
    // On the alternate stack the runtime sets up, so a stack overflow still reports.
    action.sa_flags = SA_ONSTACK | SA_RESETHAND;
    for (size_t i = 0; i < sizeof crash_signals / sizeof crash_signals[0]; i++) {
        sigaction(crash_signals[i], &action, NULL);
    }
}
