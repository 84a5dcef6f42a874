-- Neovim as the editors run it, headless: opens PROFDIFF_FILE, starts
-- `profdiff lsp` with the built-in client, and writes to PROFDIFF_OUT
-- what it reads back: the diagnostics, a hover and a definition.
-- Positions are those of tests/fixtures/lsp/dangling.yaml with the
-- marker after the emoji of line 8 made [7] (tests/cli/test_lsp_nvim.sh).
local out = {}
local function say(fmt, ...)
  table.insert(out, string.format(fmt, ...))
end

vim.cmd("edit " .. vim.fn.fnameescape(os.getenv("PROFDIFF_FILE")))
local buf = vim.api.nvim_get_current_buf()
local id = vim.lsp.start_client({
  name = "profdiff",
  cmd = { os.getenv("PROFDIFF"), "lsp", "--stdio" },
  root_dir = vim.fn.getcwd(),
})
vim.lsp.buf_attach_client(buf, id)

local published = vim.wait(20000, function()
  return #vim.diagnostic.get(buf) > 0
end, 20)
say("published %s", tostring(published))
local diags = vim.diagnostic.get(buf)
table.sort(diags, function(a, b)
  return a.lnum < b.lnum or (a.lnum == b.lnum and a.col < b.col)
end)
for _, d in ipairs(diags) do
  local lsp = d.user_data and d.user_data.lsp or {}
  -- lnum and col as Neovim holds them: 0-based, col in bytes
  say("diagnostic %d:%d-%d:%d %s %s %s", d.lnum, d.col, d.end_lnum,
      d.end_col, vim.diagnostic.severity[d.severity], lsp.code or d.code,
      d.message)
end

local uri = vim.uri_from_bufnr(buf)
local function ask(method, line, character)
  local res = vim.lsp.buf_request_sync(buf, method, {
    textDocument = { uri = uri },
    position = { line = line, character = character },
  }, 10000)
  for _, r in pairs(res or {}) do
    if r.err then
      say("%s error %s", method, r.err.message)
    end
    return r.result
  end
end

-- hover on [2], line 9: ibid, resolved to footnote 1's source
local h = ask("textDocument/hover", 8, 19)
say("hover %s", h and h.contents.value:gsub("\n", " | ") or "none")
-- definition of the 1 of [1, 4], line 11: footnote 1's number
local def = ask("textDocument/definition", 10, 49)
for _, loc in ipairs(def or {}) do
  say("definition %s %d:%d-%d:%d", vim.uri_to_fname(loc.uri) ==
      vim.api.nvim_buf_get_name(buf) and "same-file" or loc.uri,
      loc.range.start.line, loc.range.start.character,
      loc.range["end"].line, loc.range["end"].character)
end
-- where Neovim's own jump lands
vim.api.nvim_win_set_cursor(0, { 11, 49 })
vim.lsp.buf.definition()
vim.wait(5000, function()
  return vim.api.nvim_win_get_cursor(0)[1] ~= 11
end, 20)
local cur = vim.api.nvim_win_get_cursor(0)
say("jumped %d:%d %s", cur[1], cur[2], vim.api.nvim_get_current_line())

vim.lsp.stop_client(id)
vim.fn.writefile(out, os.getenv("PROFDIFF_OUT"))
vim.cmd("qa!")
