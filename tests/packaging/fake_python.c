/* A stand-in for python.exe, to run cai-dat.bat under wine (test_installer_under_wine.py).
   It answers the calls the installer makes as a Python would (FAKE_PY: what the probe prints;
   FAKE_*_RC: the exit status of a step), makes the files "venv" and "pip" would make, and logs
   every call with its arguments to FAKE_LOG. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <windows.h>

static const char *env(const char *name, const char *fallback) {
    const char *v = getenv(name);
    return v ? v : fallback;
}

static void copy_self(const char *dir, const char *name) {
    char self[MAX_PATH], target[MAX_PATH * 2];
    GetModuleFileNameA(NULL, self, MAX_PATH);
    snprintf(target, sizeof target, "%s\\%s", dir, name);
    CopyFileA(self, target, FALSE);
}

int main(int argc, char **argv) {
    char self[MAX_PATH], dir[MAX_PATH];
    FILE *log = fopen(env("FAKE_LOG", "C:\\fakepy.log"), "a");
    GetModuleFileNameA(NULL, self, MAX_PATH);
    if (log) { fprintf(log, "%s", self); for (int i = 1; i < argc; i++) fprintf(log, " [%s]", argv[i]); fprintf(log, "\n"); fclose(log); }
    strcpy(dir, self); *strrchr(dir, '\\') = 0;
    if (argc > 2 && !strcmp(argv[1], "-c")) {
        if (!strncmp(argv[2], "import struct", 13)) { fputs(env("FAKE_PY", ""), stdout); return 0; }
        return 0;
    }
    if (argc > 1 && !strcmp(argv[1], "--version")) { puts("dti-scorer 0.1.0"); return 0; }
    if (argc > 2 && strstr(argv[1], "kiem_tra.py")) {
        if (!strcmp(argv[2], "sums")) return atoi(env("FAKE_SUMS_RC", "0"));
        if (!strcmp(argv[2], "space")) { puts(env("FAKE_FREE", "99999")); return atoi(env("FAKE_SPACE_RC", "0")); }
        if (!strcmp(argv[2], "demo")) { puts("63/63: C:\\Documents\\DTI Scorer\\demo"); return atoi(env("FAKE_DEMO_RC", "0")); }
    }
    if (argc > 3 && !strcmp(argv[1], "-m") && !strcmp(argv[2], "venv")) {
        char scripts[MAX_PATH * 2];
        snprintf(scripts, sizeof scripts, "%s\\Scripts", argv[3]);
        CreateDirectoryA(argv[3], NULL); CreateDirectoryA(scripts, NULL);
        copy_self(scripts, "python.exe");
        return atoi(env("FAKE_VENV_RC", "0"));
    }
    if (argc > 2 && !strcmp(argv[1], "-m") && !strcmp(argv[2], "pip")) {
        int rc = atoi(env("FAKE_PIP_RC", "0"));
        if (!rc) { copy_self(dir, "dti-scorer.exe"); copy_self(dir, "dti-app.exe"); }
        return rc;
    }
    return 9009;
}
