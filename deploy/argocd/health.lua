-- Argo CD health of a loadfleet.io/LoadProfile (resource.customizations.health.loadfleet.io_LoadProfile).
-- Reads the status the operator writes: observedGeneration, phase, conditions and rates.
local hs = {}

local function condition(kind)
  if obj.status.conditions ~= nil then
    for _, c in ipairs(obj.status.conditions) do
      if c.type == kind then
        return c
      end
    end
  end
  return nil
end

local function is(c, value)
  return c ~= nil and c.status == value
end

local function whole(x)
  return tostring(math.floor((x or 0) + 0.5))
end

-- "achieved 9998 of 10000 msg/s, 3/3 pods ready"
local function figures()
  local s = obj.status
  local text = ""
  if s.targetRate ~= nil then
    text = "achieved " .. whole(s.achievedRate) .. " of " .. whole(s.targetRate) .. " msg/s"
  end
  if s.replicas ~= nil then
    if text ~= "" then
      text = text .. ", "
    end
    text = text .. whole(s.readyReplicas) .. "/" .. whole(s.replicas) .. " pods ready"
  end
  return text
end

local function say(status, message)
  hs.status = status
  local f = figures()
  if f ~= "" and message ~= "" then
    hs.message = message .. " (" .. f .. ")"
  elseif f ~= "" then
    hs.message = f
  else
    hs.message = message
  end
  return hs
end

if obj.status == nil then
  hs.status = "Progressing"
  hs.message = "Waiting for the loadfleet operator to pick up this LoadProfile"
  return hs
end

local ready = condition("Ready")
local degraded = condition("Degraded")
local progressing = condition("Progressing")
local readyWhy = ready ~= nil and ready.message or ""

if obj.status.observedGeneration == nil or (obj.metadata.generation ~= nil and obj.metadata.generation > obj.status.observedGeneration) then
  return say("Progressing", "The operator has not yet acted on generation " .. tostring(obj.metadata.generation))
end
-- Live verification (spec.verify): a lost or duplicated record stays so, whatever else the fleet does.
local verify = obj.status.verify
if verify ~= nil and (verify.lost or 0) > 0 then
  return say("Degraded", whole(verify.lost) .. " acknowledged record(s) lost: no verifier consumed them within spec.verify.grace")
end
if verify ~= nil and (verify.duplicates or 0) > 0 then
  return say("Degraded", whole(verify.duplicates) .. " record(s) consumed more than once")
end
if obj.status.phase == "Paused" then
  return say("Suspended", "Paused: the pods are up and send nothing; set spec.paused to false to resume")
end
if obj.status.phase == "Failed" then
  return say("Degraded", "Invalid spec: " .. readyWhy)
end
if is(degraded, "True") then
  return say("Degraded", degraded.message or "the fleet is degraded")
end
-- Not ready while it is still getting there (pods starting, a rescale) is progress, not damage.
if is(ready, "False") and not is(progressing, "True") then
  return say("Degraded", "Not ready: " .. readyWhy)
end
if obj.status.phase == "Completed" then
  return say("Healthy", "Completed: " .. readyWhy)
end
if is(ready, "True") and obj.status.phase ~= "Rescaling" then
  return say("Healthy", readyWhy)
end
return say("Progressing", readyWhy)
