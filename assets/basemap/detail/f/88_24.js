window.MapviewerBasemapDetail.add('f/88_24',JSON.parse('{"land":[[[21,141,-21,-4,0,13,74,-15,-53,6]]],"x0":172.0,"y0":6.0,"q":0.0004}'));
