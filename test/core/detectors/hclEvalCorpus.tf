# Terraform written to reach every path of the evaluator: templates and heredocs, escapes,
# collections and object keys, references and accessors, functions, conditionals, operators,
# `for` expressions, and the bounds on size, nesting and work. Read by hclEvalGolden.test.ts.
variable "region" { default = "us-east-1" }
variable "n" { default = 3 }
variable "m" {
  default = { k = "v", "quoted key" = 2, nested = { deep = ["x", "y"] } }
}
variable "l" { default = ["a", "b", "c"] }
variable "t" { default = true }
variable "f" { default = false }
variable "nothing" { default = null }
variable "no_default" {}
variable "pct" { default = "%%{x} $${y}" }

locals {
  a          = "A"
  size       = "xlarge"
  common     = { project = "p", env = var.region }
  self       = local.self
  ping       = local.pong
  pong       = local.ping
  unknown    = aws_instance.x.id
  nums       = [1, 2, 3, 4]
  objects    = { one = { size = 1 }, two = { size = 2 } }
  types      = ["g5.xlarge", "p4d.24xlarge"]
  long_list  = range(10000)
  string_map = { for i in range(3) : "k${i}" => "v${i}" }
}

attrs {
  plain        = "p4d.24xlarge"
  empty        = ""
  spaced       = "  a   b  "
  unicode      = "é ${var.region}  ü"
  escapes      = "tab\tnew\nquote\"back\\slash\u00e9\U0001F600"
  dollar       = "$${literal} %%{literal} $ % $x"
  interp       = "g5.${local.size}"
  interp_num   = "n=${var.n}"
  interp_bool  = "t=${var.t}"
  interp_null  = "null=${var.nothing}"
  interp_obj   = "obj=${var.m}"
  interp_unk   = "id=${aws_instance.x.id}"
  interp_two   = "${var.region}-${local.a}-${var.n}"
  interp_only  = "${local.size}"
  nested_tmpl  = "a ${"b ${local.a} c"} d"
  directive    = "%{ if var.t }yes%{ endif }"
  directive2   = "x %{ for s in var.l }${s}%{ endfor } y"
  heredoc      = <<EOT
line one ${var.region}
  indented $${x}
EOT
  heredoc_ind  = <<-EOT
    a ${var.region}
      b
    c
    EOT
  heredoc_unk  = <<-EOT
    cluster: ${module.eks.cluster_name}
    region: ${var.region}
    EOT
  heredoc_blank = <<EOT
EOT
  num          = 42
  float        = 3.25
  exp          = 1e3
  hex_like     = 0.5
  neg          = -4
  not          = !true
  not_num      = !1
  neg_str      = -"x"
  bool_t       = true
  bool_f       = false
  nul          = null
  tuple        = [1, "two", true, null, [3], { four = 4 }]
  tuple_empty  = []
  obj_empty    = {}
  obj_keys     = { bare = 1, "quoted" = 2, (local.a) = 3, "${local.size}" = 4, 5 = 5 }
  obj_bad_key  = { (var.m) = 1 }
  obj_unk_key  = { (aws_instance.x.id) = 1 }
  obj_colon    = { a: 1, b: 2 }
  obj_dup      = { a = 1, a = 2 }
  var_plain    = var.region
  var_missing  = var.missing
  var_null     = var.nothing
  var_nodef    = var.no_default
  var_bare     = var
  local_bare   = local
  local_a      = local.a
  local_self   = local.self
  local_cycle  = local.ping
  local_unk    = local.unknown
  local_none   = local.none
  idx_list     = var.l[1]
  idx_oob      = var.l[9]
  idx_neg      = var.l[-1]
  idx_str      = var.l["1"]
  idx_map      = var.m["k"]
  idx_map_var  = var.m[local.a]
  idx_missing  = var.m["missing"]
  idx_unk      = var.m[aws_instance.x.id]
  idx_legacy   = var.l.0
  attr_nested  = var.m.nested.deep[1]
  attr_missing = var.m.nested.none
  attr_on_str  = var.region.x
  splat        = var.l[*]
  splat_attr   = local.objects[*].size
  attr_splat   = local.objects.*.size
  each_key     = each.key
  each_value   = each.value.size
  count_index  = count.index
  count_math   = count.index * 2 + 1
  self_ref     = self.private_ip
  data_ref     = data.aws_ami.x.id
  resource_ref = aws_instance.x.id
  module_ref   = module.eks.cluster_name
  path_ref     = path.module
  arith        = 1 + 2 * 3 - 4 / 2
  arith_paren  = (1 + 2) * 3
  arith_str    = "3" + 4
  arith_bad    = "x" + 4
  div_zero     = 1 / 0
  mod          = 7 % 3
  mod_zero     = 7 % 0
  cmp          = [1 < 2, 2 > 1, 1 <= 1, 2 >= 3, 1 == 1, "a" != "a", var.l == ["a", "b", "c"]]
  logic        = var.t && !var.f || false
  logic_bad    = var.t && 1
  logic_unk    = var.t && data.x.y
  eq_null      = var.nothing == null
  cond         = var.n > 2 ? "big" : "small"
  cond_unk     = data.x.on ? "same" : "same"
  cond_unk2    = data.x.on ? "a" : "b"
  cond_obj     = data.x.on ? { a = 1 } : { a = 1 }
  cond_notbool = var.n ? "a" : "b"
  cond_nested  = var.t ? var.f ? 1 : 2 : 3
  unresolved_both = data.x.on ? data.y.a : data.y.a
  fn_merge     = merge(local.common, { Name = "n" }, null)
  fn_merge_unk = merge(local.common, { id = aws_instance.x.id })
  fn_merge_bad = merge(local.common, "x")
  fn_merge_arg = merge(data.x.tags, {})
  fn_lookup    = [lookup(var.m, "k", "d"), lookup(var.m, "missing", "d"), lookup(var.m, "missing"), lookup("x", "k")]
  fn_coalesce  = [coalesce("", null, "x"), coalesce("", null)]
  fn_concat    = [concat(var.l, ["d"]), concat(var.l, "x")]
  fn_num       = [max(var.n, 1, "7"), min(5, 2), abs(-3), ceil(1.2), floor(1.8), max("x")]
  fn_conv      = [tostring(5), tostring(true), tostring([]), tonumber("12"), tonumber("x"), tomap({ a = 1 }), tolist([1]), toset(["a", "b", "a"]), toset("s")]
  fn_length    = [length(var.l), length(var.m), length("héllo"), length(5)]
  fn_case      = [upper("aB"), lower("aB"), upper(1)]
  fn_join      = [join(",", var.l), join(",", "x"), split(",", "a,b,,c"), split(1, "x")]
  fn_element   = [element(var.l, 4), element([], 0), element(var.l, -1)]
  fn_keys      = [keys(var.m), values(var.m), keys([])]
  fn_format    = [format("%s.%s", "g5", "xlarge"), format("%d%%", 5), format("%s", var.m), format("%s %s", "a"), format(1)]
  fn_replace   = [replace("a-b-c", "-", "_"), replace("abc", "/b/", "x")]
  fn_range     = [range(3), range(1, 7, 2), range(5, 1), range(0, 1, 0), range(100000), range(), range("x")]
  fn_substr    = [substr("worker-pool", 0, 6), substr("héllo", 1, -1), substr(1, 0, 1)]
  fn_trim      = trimspace("  x  ")
  fn_contains  = [contains(var.l, "a"), contains(var.l, "z"), contains("x", "x"), contains([{ a = 1 }], { a = 1 })]
  fn_compact   = compact(["a", "", null, "b"])
  fn_flatten   = flatten([["a"], [["b"]], "c", { d = 1 }])
  fn_distinct  = distinct(["a", "b", "a", 1, "1"])
  fn_zipmap    = [zipmap(["x", "y"], [1, 2]), zipmap(["x"], [1, 2]), zipmap([1], [1])]
  fn_starts    = [startswith("g2-x", "g2-"), endswith("g2-x", "-x"), startswith(1, "x"), endswith(1, "x")]
  fn_try       = [try(data.x.y, "fallback"), try(var.missing, local.unknown), try(var.l, 1), try(data.x.y, [data.z])]
  fn_unknown   = templatefile("x.tpl", { a = 1 })
  fn_unk_arg   = upper(aws_instance.x.id)
  fn_nested_unk = length([aws_instance.x.id])
  fn_expand    = max(local.nums...)
  fn_expand_obj = max(local.common...)
  fn_index     = split(",", "a,b")[1]
  fn_noargs    = timestamp()
  for_list     = [for s in var.l : upper(s)]
  for_list_kv  = [for i, s in var.l : "${i}:${s}"]
  for_map      = { for k, v in var.m : k => v if k != "nested" }
  for_map_one  = { for v in var.l : v => v }
  for_cond     = [for n in local.nums : n * 2 if n % 2 == 0]
  for_cond_bad = [for n in local.nums : n if n]
  for_cond_unk = [for n in local.nums : n if data.x.on]
  for_unknown  = [for x in data.x.list : x]
  for_scalar   = [for x in "abc" : x]
  for_obj_list = { for i, t in local.types : t => i }
  for_key_unk  = { for v in var.l : data.x.key => v }
  for_nested   = [for a in [1, 2] : [for b in [3, 4] : a * b]]
  for_big      = [for i in local.long_list : i]
  for_range    = [for i in range(10001) : i]
  for_count    = [for i in range(3) : count.index + i]
  deep_parens  = ((((((((((1))))))))))
  ops_paren    = -(1 + 2)
  not_paren    = !(var.t && var.f)
  big_string   = join("", [for i in range(2000) : "${join("", [for j in range(600) : "x"])}"])
  big_format   = format("%s%s", join("", [for i in range(9000) : "0123456789ab"]), join("", [for i in range(9000) : "0123456789ab"]))
  big_list     = concat(range(6000), range(6000))
  big_map      = merge({ for i in range(6000) : "a${i}" => i }, { for i in range(6000) : "b${i}" => i })
  steps_heavy  = [for i in range(10000) : [for j in range(9) : j]]
  long_text    = "${local.unknown} is one of a long list of words that goes on past the clip width of sixty characters"
  long_unk     = aws_instance.this_is_a_very_long_resource_name_to_exceed_the_clip_width_of_sixty.id
  ws_unk       = aws_instance
    .x
    .id
}

resource "aws_instance" "gpu" {
  count         = var.n
  instance_type = "g5.${local.size}"
  ami           = data.aws_ami.x.id
  tags          = merge(local.common, { Name = "gpu-${count.index}" })
  dynamic "ebs_block_device" {
    for_each = var.l
    content {
      device_name = ebs_block_device.value
    }
  }
  nested {
    deeper {
      value = local.a
    }
  }
}

resource "aws_instance" "each" {
  for_each      = local.objects
  instance_type = each.value.size == 1 ? "g5.xlarge" : "g5.2xlarge"
}

budget {
  e1 = [for i in range(10000) : [for j in range(9) : j]]
  e2 = [for i in range(10000) : [for j in range(9) : j]]
  e3 = [for i in range(10000) : [for j in range(9) : j]]
  e4 = [for i in range(10000) : [for j in range(9) : j]]
  e5 = [for i in range(10000) : [for j in range(9) : j]]
  e6 = [for i in range(10000) : [for j in range(9) : j]]
  after = "still ${local.a}"
}
