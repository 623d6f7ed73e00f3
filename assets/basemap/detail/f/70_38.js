window.MapviewerBasemapDetail.add('f/70_38',JSON.parse('{"land":[[[0,0,0,10000,10000,0,0,-10000,-10000,0]]],"places":{"xy":[546,5694],"cls":"3","names":"Tura"},"x0":100.0,"y0":62.0,"q":0.0004}'));
