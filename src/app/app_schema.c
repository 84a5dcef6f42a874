/*
 * app_schema.c: the JSON Schema of profiles for editors, and the settings
 * that point an editor's YAML language server at it.
 *
 * `init` writes the schema into the repository (PD_APP_SCHEMA_FILE, kept
 * in git so that every editor's checkout has it) and VS Code's workspace
 * settings mapping the profiles to it; `profdiff schema -o` writes it
 * again after .profdiff.yaml gains treaties.
 */
#include <errno.h>
#include <limits.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "json.h"
#include "profdiff/app.h"
#include "profdiff/fileio.h"
#include "profdiff/schema.h"

int pd_app_schema(pd_buf *out, const pd_config *config)
{
	if (pd_schema_json(out, config ? &config->vocab : NULL) < 0)
		return pd_error_oom();
	return 0;
}

/* Writes dir/name unless it exists: what the editor has is kept. */
static int write_new(const char *dir, const char *name, const pd_buf *text)
{
	char path[PATH_MAX + 64];

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	if (access(path, F_OK) == 0)
		return 0;
	return pd_file_write_atomic(path, text->ptr, text->len);
}

int pd_app_editor_setup(const char *dir, const pd_config *config)
{
	pd_buf schema = PD_BUF_INIT, vscode = PD_BUF_INIT;
	char path[PATH_MAX + 64];
	int err;

	snprintf(path, sizeof(path), "%s/.vscode", dir);
	if (mkdir(path, 0777) < 0 && errno != EEXIST)
		return pd_error_set(PD_EIO, path, 0, 0, "cannot create: %s",
				    strerror(errno));
	snprintf(path, sizeof(path), "%s/*.yaml",
		 config && config->profiles_dir ? config->profiles_dir
						: "profiles");
	pd_buf_puts(&vscode, "{\n  \"yaml.schemas\": {\n    ");
	pd_json_cstr(&vscode, "./" PD_APP_SCHEMA_FILE);
	pd_buf_puts(&vscode, ": ");
	pd_json_cstr(&vscode, path);
	pd_buf_puts(&vscode, "\n  }\n}\n");
	if ((err = pd_app_schema(&schema, config)) == 0 &&
	    (err = pd_buf_ok(&vscode) < 0 ? pd_error_oom() : 0) == 0 &&
	    (err = write_new(dir, PD_APP_SCHEMA_FILE, &schema)) == 0)
		err = write_new(dir, ".vscode/settings.json", &vscode);
	pd_buf_free(&schema);
	pd_buf_free(&vscode);
	return err;
}
