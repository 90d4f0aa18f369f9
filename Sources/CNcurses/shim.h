#ifndef PIPEBOARD_CNCURSES_SHIM_H
#define PIPEBOARD_CNCURSES_SHIM_H

// SwiftPM drops pkg-config's -D flags, so ask for the wide-character API here or get_wch and cchar_t vanish.
#define NCURSES_WIDECHAR 1
#define _XOPEN_SOURCE_EXTENDED 1

#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <wchar.h>
#include <ncursesw/curses.h>

// Swift cannot see C macros with casts or expressions, nor ncurses' globals (some are macros over
// functions), nor the C stdio globals without a concurrency warning: each one is wrapped here.

static inline SCREEN *pb_newterm(void) { return newterm(NULL, stdout, stdin); }
static inline WINDOW *pb_stdscr(void) { return stdscr; }
static inline WINDOW *pb_curscr(void) { return curscr; }
static inline int pb_lines(void) { return LINES; }
static inline int pb_cols(void) { return COLS; }
static inline int pb_colors(void) { return COLORS; }
static inline int pb_color_pairs(void) { return COLOR_PAIRS; }
// wcwidth is only declared under _XOPEN_SOURCE, which would hide other things Swift needs; declare it here.
int wcwidth(wchar_t c);
static inline int pb_wcwidth(wchar_t c) { return wcwidth(c); }

// TERM's terminfo entry read without taking the screen (`pipeboard doctor`): its colours (-1 when it gives
// none), or -2 when this machine has no such entry.
int setupterm(const char *term, int filedes, int *errret);
static inline int pb_terminfo_colors(const char *term) {
    int error = 0;
    if (setupterm(term, 1, &error) != OK) return -2;
    return tigetnum("colors");
}

static inline int pb_err(void) { return ERR; }
static inline int pb_ok(void) { return OK; }

static inline attr_t pb_a_normal(void) { return A_NORMAL; }
static inline attr_t pb_a_bold(void) { return A_BOLD; }
static inline attr_t pb_a_underline(void) { return A_UNDERLINE; }
static inline attr_t pb_a_reverse(void) { return A_REVERSE; }
static inline attr_t pb_a_dim(void) { return A_DIM; }

static inline int pb_key_code_yes(void) { return KEY_CODE_YES; }

static inline mmask_t pb_mouse_events(void) {
    return BUTTON1_PRESSED | BUTTON1_RELEASED | BUTTON2_PRESSED | BUTTON2_RELEASED |
           BUTTON3_PRESSED | BUTTON3_RELEASED | BUTTON4_PRESSED | BUTTON5_PRESSED | REPORT_MOUSE_POSITION;
}
static inline mmask_t pb_button1_pressed(void) { return BUTTON1_PRESSED; }
static inline mmask_t pb_button1_released(void) { return BUTTON1_RELEASED; }
static inline mmask_t pb_button2_pressed(void) { return BUTTON2_PRESSED; }
static inline mmask_t pb_button2_released(void) { return BUTTON2_RELEASED; }
static inline mmask_t pb_button3_pressed(void) { return BUTTON3_PRESSED; }
static inline mmask_t pb_button3_released(void) { return BUTTON3_RELEASED; }
static inline mmask_t pb_button4_pressed(void) { return BUTTON4_PRESSED; }
static inline mmask_t pb_button5_pressed(void) { return BUTTON5_PRESSED; }
static inline mmask_t pb_report_mouse_position(void) { return REPORT_MOUSE_POSITION; }

/// tigetstr answers (char *)-1 for "not a string capability"; fold that and "absent" into NULL.
static inline const char *pb_tigetstr(const char *name) {
    char *value = tigetstr(name);
    return (value == (char *)-1) ? NULL : value;
}

// Swift cannot tell struct sigaction from the function sigaction, so signal plumbing lives here.
typedef void (*pb_signal_handler)(int);
/// Installs `handler` for `sig` (no flags, nothing blocked besides `sig`), saving the old action in `previous`.
/// A signal the parent chose to ignore (nohup, a background job) stays ignored: returns -1 and changes nothing.
static inline int pb_install_signal_handler(int sig, pb_signal_handler handler, struct sigaction *previous) {
    if (sigaction(sig, NULL, previous) != 0 || previous->sa_handler == SIG_IGN) return -1;
    struct sigaction action;
    action.sa_handler = handler;
    sigemptyset(&action.sa_mask);
    action.sa_flags = 0;
    return sigaction(sig, &action, NULL);
}
/// Runs the handler `previous` describes, if it is a plain function (ncurses' SIGWINCH handler is).
static inline void pb_call_signal_handler(int sig, const struct sigaction *previous) {
    if ((previous->sa_flags & SA_SIGINFO) == 0 && previous->sa_handler != SIG_DFL && previous->sa_handler != SIG_IGN) {
        previous->sa_handler(sig);
    }
}
/// Ignores `sig` (while a program runs in the terminal), saving the action to put back in `previous`.
static inline int pb_ignore_signal(int sig, struct sigaction *previous) {
    struct sigaction ignore;
    ignore.sa_handler = SIG_IGN;
    sigemptyset(&ignore.sa_mask);
    ignore.sa_flags = 0;
    return sigaction(sig, &ignore, previous);
}
static inline int pb_restore_signal_action(int sig, const struct sigaction *previous) {
    return sigaction(sig, previous, NULL);
}

#endif
