-- ARM offline basemap: what tilemaker keeps from an OpenStreetMap extract.
-- Layers and attributes are read by resources/map/js/arm_basemap.js.
-- Labels carry name, name_kk and name_ru; the page picks the reader's language,
-- else name.

node_keys = { "place", "addr:housenumber" }

local PLACE_MINZOOM = { city = 4, town = 7, village = 10, hamlet = 12, suburb = 12 }
local PLACE_RANK = { city = 4, town = 3, village = 2, hamlet = 1, suburb = 1 }
local ROAD_MINZOOM = {
	motorway = 5, trunk = 5, primary = 7, secondary = 9, tertiary = 10,
	motorway_link = 11, trunk_link = 11, primary_link = 12, secondary_link = 12, tertiary_link = 12,
	unclassified = 12, residential = 12, living_street = 13, road = 13, pedestrian = 13,
	service = 14, track = 14, footway = 14
}
local ROAD_CLASS = {
	motorway = "major", trunk = "major", primary = "major", secondary = "major",
	motorway_link = "major", trunk_link = "major", primary_link = "major", secondary_link = "major",
	tertiary = "medium", tertiary_link = "medium", unclassified = "minor", residential = "minor",
	living_street = "minor", road = "minor", pedestrian = "path", service = "path", track = "path",
	footway = "path"
}
local PARK = { park = true, garden = true, forest = true, wood = true, grass = true, recreation_ground = true,
	meadow = true, cemetery = true }

function init_function()
end

function exit_function()
end

local function names(obj)
	local name = obj:Find("name")
	obj:Attribute("name", name)
	local kk = obj:Find("name:kk")
	local ru = obj:Find("name:ru")
	if kk ~= "" then obj:Attribute("name_kk", kk) end
	if ru ~= "" then obj:Attribute("name_ru", ru) end
end

function node_function(node)
	local place = node:Find("place")
	if PLACE_MINZOOM[place] and node:Find("name") ~= "" then
		node:Layer("place", false)
		node:Attribute("class", place)
		node:AttributeNumeric("rank", PLACE_RANK[place])
		node:MinZoom(PLACE_MINZOOM[place])
		names(node)
	end
	local hn = node:Find("addr:housenumber")
	if hn ~= "" then
		node:Layer("housenumber", false)
		node:Attribute("housenumber", hn)
	end
end

function way_function(way)
	local highway = way:Find("highway")
	local waterway = way:Find("waterway")
	local railway = way:Find("railway")
	local building = way:Find("building")
	local natural = way:Find("natural")
	local landuse = way:Find("landuse")
	local leisure = way:Find("leisure")
	local closed = way:IsClosed()

	if ROAD_MINZOOM[highway] then
		way:Layer("transportation", false)
		way:Attribute("class", ROAD_CLASS[highway])
		way:MinZoom(ROAD_MINZOOM[highway])
		if way:Find("name") ~= "" or way:Find("name:ru") ~= "" or way:Find("name:kk") ~= "" then names(way) end
		return
	end
	if railway == "rail" or railway == "light_rail" or railway == "tram" or railway == "subway" then
		way:Layer("railway", false)
		way:Attribute("class", railway)
		if railway ~= "rail" then way:MinZoom(12) end
		return
	end
	if waterway == "river" or waterway == "canal" or waterway == "stream" then
		way:Layer("waterway", false)
		way:Attribute("class", waterway)
		if waterway ~= "river" then way:MinZoom(12) end
		names(way)
		return
	end
	if closed and (natural == "water" or waterway == "riverbank" or landuse == "reservoir" or landuse == "basin") then
		way:Layer("water", true)
		return
	end
	if closed and (PARK[leisure] or PARK[landuse] or PARK[natural]) then
		way:Layer("park", true)
		way:Attribute("class", leisure ~= "" and leisure or (landuse ~= "" and landuse or natural))
		return
	end
	if closed and building ~= "" then
		way:Layer("building", true)
		local hn = way:Find("addr:housenumber")
		if hn ~= "" then
			way:Attribute("housenumber", hn)
			way:LayerAsCentroid("housenumber")
			way:Attribute("housenumber", hn)
		end
		return
	end
	local place = way:Find("place")
	if closed and PLACE_MINZOOM[place] and way:Find("name") ~= "" then
		way:LayerAsCentroid("place")
		way:Attribute("class", place)
		way:AttributeNumeric("rank", PLACE_RANK[place])
		way:MinZoom(PLACE_MINZOOM[place])
		names(way)
	end
end
