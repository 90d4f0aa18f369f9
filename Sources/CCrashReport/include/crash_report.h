#ifndef PIPEBOARD_CRASH_REPORT_H
#define PIPEBOARD_CRASH_REPORT_H

/// Replaces the handlers of the crash signals (SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGTRAP, SIGQUIT) with
/// one that writes "pipeboard crashed: <signal>" and the crashed thread's frames (image and offset, for
/// addr2line) to standard error, then lets the signal end the process as it would have. It prints no memory or
/// registers. Call once, first thing.
void pb_crash_report_install(void);

#endif
